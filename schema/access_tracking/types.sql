CREATE TYPE access_tracking.access_type AS ENUM ('read', 'write', 'delete');

COMMENT ON TYPE access_tracking.access_type IS 'How an agent accessed a stored file.';
