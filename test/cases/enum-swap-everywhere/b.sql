CREATE TYPE status AS ENUM ('new', 'open', 'closed');
CREATE TABLE ticket (id int PRIMARY KEY, s status NOT NULL DEFAULT 'new', history status[] DEFAULT '{}', CONSTRAINT ticket_not_legacy CHECK (s <> 'closed' OR id > 0));
CREATE INDEX ticket_open ON ticket (id) WHERE s = 'open';
CREATE FUNCTION is_done(x status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x = 'closed' $$;
CREATE VIEW open_tickets AS SELECT id, s FROM ticket WHERE s = 'open';
