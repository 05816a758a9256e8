CREATE TYPE workflow.checkpoint_status AS ENUM ('in_progress', 'completed', 'failed', 'superseded');

COMMENT ON TYPE workflow.checkpoint_status IS 'State of the agent step a checkpoint captures; superseded = a later attempt of the same step replaced it.';

CREATE TYPE workflow.pause_status AS ENUM ('paused', 'resuming', 'resumed', 'cancelled');

COMMENT ON TYPE workflow.pause_status IS 'Lifecycle of a pause: paused and resuming are open; resumed and cancelled are closed.';

CREATE TYPE workflow.batch_status AS ENUM ('pending', 'running', 'completed', 'failed', 'cancelled');

COMMENT ON TYPE workflow.batch_status IS 'Lifecycle of a batch pause operation; completed, failed and cancelled are terminal.';
