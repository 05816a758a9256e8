CREATE TYPE outcomes.lesson_category AS ENUM ('bias', 'model_error', 'data_quality', 'methodology', 'other');

COMMENT ON TYPE outcomes.lesson_category IS 'Kind of lesson drawn from prediction outcomes.';

CREATE TYPE outcomes.lesson_status AS ENUM ('proposed', 'validated', 'retired');

COMMENT ON TYPE outcomes.lesson_status IS 'Review state of a lesson: proposed by an agent, validated for use, or retired.';
