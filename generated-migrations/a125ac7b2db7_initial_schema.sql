-- fas revision
-- revision: a125ac7b2db7
-- parent: base
-- message: "Initial schema"
-- created: 2026-11-25T20:01:38.574Z
-- checksum: sha256:45b0b5c0fe7601e7834d9a9849f5839fe22f9eb0595493eccb10ac7240bd390d
-- timeouts: lock_timeout 3000ms, statement_timeout 600000ms

-- upgrade

-- step 1: source "create schema access_tracking"
CREATE SCHEMA access_tracking;

-- step 2: source "create schema document_registry"
CREATE SCHEMA document_registry;

-- step 3: source "create schema financial_data"
CREATE SCHEMA financial_data;

-- step 4: source "create schema market_data"
CREATE SCHEMA market_data;

-- step 5: source "create schema metadata"
CREATE SCHEMA metadata;

-- step 6: source "create schema outcomes"
CREATE SCHEMA outcomes;

-- step 7: source "create schema workflow"
CREATE SCHEMA workflow;

-- step 8: source "create type access_tracking.access_type"
CREATE TYPE access_tracking.access_type AS ENUM ('read', 'write', 'delete');

-- step 9: source "create type outcomes.lesson_category"
CREATE TYPE outcomes.lesson_category AS ENUM ('bias', 'model_error', 'data_quality', 'methodology', 'other');

-- step 10: source "create type outcomes.lesson_status"
CREATE TYPE outcomes.lesson_status AS ENUM ('proposed', 'validated', 'retired');

-- step 11: source "create type public.memory_action"
CREATE TYPE public.memory_action AS ENUM ('read', 'write', 'delete');

-- step 12: source "create type public.memory_tier"
CREATE TYPE public.memory_tier AS ENUM ('l1', 'l2', 'checkpoint');

-- step 13: source "create type workflow.batch_status"
CREATE TYPE workflow.batch_status AS ENUM ('pending', 'running', 'completed', 'failed', 'cancelled');

-- step 14: source "create type workflow.checkpoint_status"
CREATE TYPE workflow.checkpoint_status AS ENUM ('in_progress', 'completed', 'failed', 'superseded');

-- step 15: source "create type workflow.pause_status"
CREATE TYPE workflow.pause_status AS ENUM ('paused', 'resuming', 'resumed', 'cancelled');

-- step 16: source "create table access_tracking.file_access_log"
CREATE TABLE access_tracking.file_access_log (
    access_id bigint GENERATED ALWAYS AS IDENTITY
        (SEQUENCE NAME access_tracking.file_access_log_access_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE
        9223372036854775807 START WITH 1 CACHE 1 NO CYCLE),
    agent_id text NOT NULL,
    analysis_id uuid,
    file_path text NOT NULL,
    access_type access_tracking.access_type NOT NULL,
    bytes bigint DEFAULT 0 NOT NULL,
    duration_ms integer,
    accessed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_file_access_log_agent_id CHECK
        (((length(btrim(agent_id)) >= 1) AND (length(btrim(agent_id)) <= 128))),
    CONSTRAINT ck_file_access_log_bytes CHECK ((bytes >= 0)),
    CONSTRAINT ck_file_access_log_duration CHECK (((duration_ms IS NULL) OR (duration_ms >= 0))),
    CONSTRAINT ck_file_access_log_file_path CHECK (((length(file_path) >= 1) AND (length(file_path) <= 2048))),
    CONSTRAINT pk_file_access_log PRIMARY KEY (access_id)
);

-- step 17: source "create table outcomes.actuals"
CREATE TABLE outcomes.actuals (
    actual_id bigint GENERATED ALWAYS AS IDENTITY
        (SEQUENCE NAME outcomes.actuals_actual_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START
        WITH 1 CACHE 1 NO CYCLE),
    ticker text NOT NULL,
    metric text NOT NULL,
    fiscal_period text NOT NULL,
    reported_value numeric(20,6) NOT NULL,
    source text NOT NULL,
    reported_at timestamp with time zone NOT NULL,
    is_restated boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_actuals_fiscal_period CHECK ((fiscal_period ~ '^[0-9]{4}-(Q[1-4]|H[12]|FY)$'::text)),
    CONSTRAINT ck_actuals_metric CHECK ((metric ~ '^[a-z][a-z0-9_]{0,62}$'::text)),
    CONSTRAINT ck_actuals_source CHECK (((length(btrim(source)) >= 1) AND (length(btrim(source)) <= 64))),
    CONSTRAINT ck_actuals_ticker CHECK ((ticker ~ '^[A-Z0-9][A-Z0-9.-]{0,14}$'::text)),
    CONSTRAINT pk_actuals PRIMARY KEY (actual_id),
    CONSTRAINT uq_actuals_ticker_metric_period UNIQUE (ticker, metric, fiscal_period)
);

-- step 18: source "create table outcomes.lessons_learned"
CREATE TABLE outcomes.lessons_learned (
    lesson_id bigint GENERATED ALWAYS AS IDENTITY
        (SEQUENCE NAME outcomes.lessons_learned_lesson_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807
        START WITH 1 CACHE 1 NO CYCLE),
    outcome_id bigint,
    agent_id text NOT NULL,
    ticker text,
    metric text,
    category outcomes.lesson_category NOT NULL,
    lesson text NOT NULL,
    status outcomes.lesson_status DEFAULT 'proposed'::outcomes.lesson_status NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_lessons_learned_agent_id CHECK
        (((length(btrim(agent_id)) >= 1) AND (length(btrim(agent_id)) <= 128))),
    CONSTRAINT ck_lessons_learned_lesson CHECK ((length(btrim(lesson)) > 0)),
    CONSTRAINT ck_lessons_learned_metric CHECK ((metric ~ '^[a-z][a-z0-9_]{0,62}$'::text)),
    CONSTRAINT ck_lessons_learned_ticker CHECK ((ticker ~ '^[A-Z0-9][A-Z0-9.-]{0,14}$'::text)),
    CONSTRAINT pk_lessons_learned PRIMARY KEY (lesson_id)
);

-- step 19: source "create table outcomes.prediction_outcomes"
CREATE TABLE outcomes.prediction_outcomes (
    outcome_id bigint GENERATED ALWAYS AS IDENTITY
        (SEQUENCE NAME outcomes.prediction_outcomes_outcome_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE
        9223372036854775807 START WITH 1 CACHE 1 NO CYCLE),
    prediction_id uuid NOT NULL,
    ticker text NOT NULL,
    metric text NOT NULL,
    fiscal_period text NOT NULL,
    error numeric(20,6) NOT NULL,
    abs_pct_error numeric(12,6),
    direction_correct boolean,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_prediction_outcomes_abs_pct_error CHECK ((abs_pct_error >= (0)::numeric)),
    CONSTRAINT pk_prediction_outcomes PRIMARY KEY (outcome_id),
    CONSTRAINT uq_prediction_outcomes_prediction UNIQUE (prediction_id)
);

-- step 20: source "create table outcomes.predictions"
CREATE TABLE outcomes.predictions (
    prediction_id uuid DEFAULT gen_random_uuid() NOT NULL,
    analysis_id uuid NOT NULL,
    agent_id text NOT NULL,
    model_version text NOT NULL,
    ticker text NOT NULL,
    metric text NOT NULL,
    fiscal_period text NOT NULL,
    horizon_days integer NOT NULL,
    predicted_value numeric(20,6) NOT NULL,
    confidence numeric(4,3),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_predictions_agent_id CHECK (((length(btrim(agent_id)) >= 1) AND (length(btrim(agent_id)) <= 128))),
    CONSTRAINT ck_predictions_confidence CHECK (((confidence >= (0)::numeric) AND (confidence <= (1)::numeric))),
    CONSTRAINT ck_predictions_fiscal_period CHECK ((fiscal_period ~ '^[0-9]{4}-(Q[1-4]|H[12]|FY)$'::text)),
    CONSTRAINT ck_predictions_horizon CHECK ((horizon_days > 0)),
    CONSTRAINT ck_predictions_metric CHECK ((metric ~ '^[a-z][a-z0-9_]{0,62}$'::text)),
    CONSTRAINT ck_predictions_model_version CHECK
        (((length(btrim(model_version)) >= 1) AND (length(btrim(model_version)) <= 128))),
    CONSTRAINT ck_predictions_ticker CHECK ((ticker ~ '^[A-Z0-9][A-Z0-9.-]{0,14}$'::text)),
    CONSTRAINT pk_predictions PRIMARY KEY (prediction_id),
    CONSTRAINT uq_predictions_analysis_target UNIQUE
        (analysis_id, agent_id, ticker, metric, fiscal_period, horizon_days),
    CONSTRAINT uq_predictions_id_target UNIQUE (prediction_id, ticker, metric, fiscal_period)
);

-- step 21: source "create table public.memory_access_audit"
CREATE TABLE public.memory_access_audit (
    audit_id bigint GENERATED ALWAYS AS IDENTITY
        (SEQUENCE NAME public.memory_access_audit_audit_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807
        START WITH 1 CACHE 1 NO CYCLE),
    agent_id text NOT NULL,
    analysis_id uuid,
    memory_tier public.memory_tier NOT NULL,
    memory_key text NOT NULL,
    action public.memory_action NOT NULL,
    allowed boolean NOT NULL,
    denial_reason text,
    accessed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_memory_access_audit_agent_id CHECK
        (((length(btrim(agent_id)) >= 1) AND (length(btrim(agent_id)) <= 128))),
    CONSTRAINT ck_memory_access_audit_denial_reason CHECK ((allowed = (denial_reason IS NULL))),
    CONSTRAINT ck_memory_access_audit_memory_key CHECK (((length(memory_key) >= 1) AND (length(memory_key) <= 1024))),
    CONSTRAINT pk_memory_access_audit PRIMARY KEY (audit_id)
);

-- step 22: source "create table workflow.agent_checkpoints"
CREATE TABLE workflow.agent_checkpoints (
    checkpoint_id bigint GENERATED ALWAYS AS IDENTITY
        (SEQUENCE NAME workflow.agent_checkpoints_checkpoint_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE
        9223372036854775807 START WITH 1 CACHE 1 NO CYCLE),
    analysis_id uuid NOT NULL,
    agent_id text NOT NULL,
    step_name text NOT NULL,
    step_index integer NOT NULL,
    attempt integer DEFAULT 1 NOT NULL,
    status workflow.checkpoint_status DEFAULT 'in_progress'::workflow.checkpoint_status NOT NULL,
    state jsonb DEFAULT '{}'::jsonb NOT NULL,
    error_message text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_agent_checkpoints_agent_id CHECK
        (((length(btrim(agent_id)) >= 1) AND (length(btrim(agent_id)) <= 128))),
    CONSTRAINT ck_agent_checkpoints_attempt CHECK ((attempt >= 1)),
    CONSTRAINT ck_agent_checkpoints_error CHECK
        (((status = 'failed'::workflow.checkpoint_status) = (error_message IS NOT NULL))),
    CONSTRAINT ck_agent_checkpoints_state_object CHECK ((jsonb_typeof(state) = 'object'::text)),
    CONSTRAINT ck_agent_checkpoints_step_index CHECK ((step_index >= 0)),
    CONSTRAINT ck_agent_checkpoints_step_name CHECK
        (((length(btrim(step_name)) >= 1) AND (length(btrim(step_name)) <= 200))),
    CONSTRAINT pk_agent_checkpoints PRIMARY KEY (checkpoint_id),
    CONSTRAINT uq_agent_checkpoints_step_attempt UNIQUE (analysis_id, agent_id, step_index, attempt)
);

-- step 23: source "create table workflow.batch_pause_operations"
CREATE TABLE workflow.batch_pause_operations (
    batch_id uuid DEFAULT gen_random_uuid() NOT NULL,
    requested_by text NOT NULL,
    reason text NOT NULL,
    target_filter jsonb DEFAULT '{}'::jsonb NOT NULL,
    status workflow.batch_status DEFAULT 'pending'::workflow.batch_status NOT NULL,
    target_count integer DEFAULT 0 NOT NULL,
    paused_count integer DEFAULT 0 NOT NULL,
    failed_count integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    completed_at timestamp with time zone,
    CONSTRAINT ck_batch_pause_operations_completed CHECK
        ((((status = ANY (ARRAY['completed'::workflow.batch_status, 'failed'::workflow.batch_status,
        'cancelled'::workflow.batch_status])) = (completed_at IS NOT NULL))
        AND ((completed_at IS NULL) OR (completed_at >= created_at)))),
    CONSTRAINT ck_batch_pause_operations_counts CHECK
        (((target_count >= 0) AND (paused_count >= 0) AND (failed_count >= 0)
        AND ((paused_count + failed_count) <= target_count))),
    CONSTRAINT ck_batch_pause_operations_filter_object CHECK ((jsonb_typeof(target_filter) = 'object'::text)),
    CONSTRAINT ck_batch_pause_operations_reason CHECK ((length(btrim(reason)) > 0)),
    CONSTRAINT ck_batch_pause_operations_requested_by CHECK
        (((length(btrim(requested_by)) >= 1) AND (length(btrim(requested_by)) <= 128))),
    CONSTRAINT pk_batch_pause_operations PRIMARY KEY (batch_id)
);

-- step 24: source "create table workflow.paused_analyses"
CREATE TABLE workflow.paused_analyses (
    pause_id bigint GENERATED ALWAYS AS IDENTITY
        (SEQUENCE NAME workflow.paused_analyses_pause_id_seq INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807
        START WITH 1 CACHE 1 NO CYCLE),
    analysis_id uuid NOT NULL,
    agent_id text NOT NULL,
    checkpoint_id bigint,
    batch_id uuid,
    status workflow.pause_status DEFAULT 'paused'::workflow.pause_status NOT NULL,
    reason text NOT NULL,
    resume_token uuid DEFAULT gen_random_uuid(),
    paused_at timestamp with time zone DEFAULT now() NOT NULL,
    resumed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_paused_analyses_agent_id CHECK
        (((length(btrim(agent_id)) >= 1) AND (length(btrim(agent_id)) <= 128))),
    CONSTRAINT ck_paused_analyses_reason CHECK ((length(btrim(reason)) > 0)),
    CONSTRAINT ck_paused_analyses_resumed_at CHECK
        ((((status = 'resumed'::workflow.pause_status) = (resumed_at IS NOT NULL))
        AND ((resumed_at IS NULL) OR (resumed_at >= paused_at)))),
    CONSTRAINT ck_paused_analyses_token_open CHECK
        (((status = ANY (ARRAY['paused'::workflow.pause_status, 'resuming'::workflow.pause_status])) =
        (resume_token IS NOT NULL))),
    CONSTRAINT pk_paused_analyses PRIMARY KEY (pause_id),
    CONSTRAINT uq_paused_analyses_resume_token UNIQUE (resume_token)
);

-- step 25: source "add constraint fk_lessons_learned_outcome on outcomes.lessons_learned",
--   hazard VALIDATES_CONSTRAINT "validates outcomes.lessons_learned.fk_lessons_learned_outcome by scanning the table"
ALTER TABLE outcomes.lessons_learned ADD CONSTRAINT fk_lessons_learned_outcome FOREIGN KEY (outcome_id)
    REFERENCES outcomes.prediction_outcomes(outcome_id) ON DELETE SET NULL;

-- step 26: source "add constraint fk_prediction_outcomes_actual on outcomes.prediction_outcomes",
--   hazard VALIDATES_CONSTRAINT "validates outcomes.prediction_outcomes.fk_prediction_outcomes_actual by scanning the table"
ALTER TABLE outcomes.prediction_outcomes ADD CONSTRAINT fk_prediction_outcomes_actual FOREIGN KEY
    (ticker, metric, fiscal_period) REFERENCES outcomes.actuals(ticker, metric, fiscal_period) ON DELETE RESTRICT;

-- step 27: source "add constraint fk_prediction_outcomes_prediction on outcomes.prediction_outcomes",
--   hazard VALIDATES_CONSTRAINT "validates outcomes.prediction_outcomes.fk_prediction_outcomes_prediction by scanning the table"
ALTER TABLE outcomes.prediction_outcomes ADD CONSTRAINT fk_prediction_outcomes_prediction FOREIGN KEY
    (prediction_id, ticker, metric, fiscal_period)
    REFERENCES outcomes.predictions(prediction_id, ticker, metric, fiscal_period) ON DELETE CASCADE;

-- step 28: source "add constraint fk_paused_analyses_batch on workflow.paused_analyses",
--   hazard VALIDATES_CONSTRAINT "validates workflow.paused_analyses.fk_paused_analyses_batch by scanning the table"
ALTER TABLE workflow.paused_analyses ADD CONSTRAINT fk_paused_analyses_batch FOREIGN KEY (batch_id)
    REFERENCES workflow.batch_pause_operations(batch_id) ON DELETE SET NULL;

-- step 29: source "add constraint fk_paused_analyses_checkpoint on workflow.paused_analyses",
--   hazard VALIDATES_CONSTRAINT "validates workflow.paused_analyses.fk_paused_analyses_checkpoint by scanning the table"
ALTER TABLE workflow.paused_analyses ADD CONSTRAINT fk_paused_analyses_checkpoint FOREIGN KEY (checkpoint_id)
    REFERENCES workflow.agent_checkpoints(checkpoint_id) ON DELETE RESTRICT;

-- step 30: source "create index access_tracking.ix_file_access_log_accessed_at_brin",
--   hazard INDEX_BUILD "builds index access_tracking.ix_file_access_log_accessed_at_brin, blocking writes to its table while it builds"
CREATE INDEX ix_file_access_log_accessed_at_brin ON access_tracking.file_access_log USING brin (accessed_at);

-- step 31: source "create index access_tracking.ix_file_access_log_agent_time",
--   hazard INDEX_BUILD "builds index access_tracking.ix_file_access_log_agent_time, blocking writes to its table while it builds"
CREATE INDEX ix_file_access_log_agent_time ON access_tracking.file_access_log USING btree (agent_id, accessed_at DESC);

-- step 32: source "create index access_tracking.ix_file_access_log_file_time",
--   hazard INDEX_BUILD "builds index access_tracking.ix_file_access_log_file_time, blocking writes to its table while it builds"
CREATE INDEX ix_file_access_log_file_time ON access_tracking.file_access_log USING btree (file_path, accessed_at DESC);

-- step 33: source "create index outcomes.ix_lessons_learned_agent_status",
--   hazard INDEX_BUILD "builds index outcomes.ix_lessons_learned_agent_status, blocking writes to its table while it builds"
CREATE INDEX ix_lessons_learned_agent_status ON outcomes.lessons_learned
    USING btree (agent_id, status, created_at DESC);

-- step 34: source "create index outcomes.ix_lessons_learned_outcome",
--   hazard INDEX_BUILD "builds index outcomes.ix_lessons_learned_outcome, blocking writes to its table while it builds"
CREATE INDEX ix_lessons_learned_outcome ON outcomes.lessons_learned USING btree (outcome_id)
    WHERE (outcome_id IS NOT NULL);

-- step 35: source "create index outcomes.ix_lessons_learned_ticker",
--   hazard INDEX_BUILD "builds index outcomes.ix_lessons_learned_ticker, blocking writes to its table while it builds"
CREATE INDEX ix_lessons_learned_ticker ON outcomes.lessons_learned USING btree (ticker, metric)
    WHERE (ticker IS NOT NULL);

-- step 36: source "create index outcomes.ix_prediction_outcomes_ticker_period",
--   hazard INDEX_BUILD "builds index outcomes.ix_prediction_outcomes_ticker_period, blocking writes to its table while it builds"
CREATE INDEX ix_prediction_outcomes_ticker_period ON outcomes.prediction_outcomes
    USING btree (ticker, fiscal_period, metric);

-- step 37: source "create index outcomes.ix_predictions_agent_time",
--   hazard INDEX_BUILD "builds index outcomes.ix_predictions_agent_time, blocking writes to its table while it builds"
CREATE INDEX ix_predictions_agent_time ON outcomes.predictions USING btree (agent_id, created_at DESC);

-- step 38: source "create index outcomes.ix_predictions_ticker_period",
--   hazard INDEX_BUILD "builds index outcomes.ix_predictions_ticker_period, blocking writes to its table while it builds"
CREATE INDEX ix_predictions_ticker_period ON outcomes.predictions USING btree (ticker, fiscal_period, metric);

-- step 39: source "create index public.ix_memory_access_audit_agent_time",
--   hazard INDEX_BUILD "builds index public.ix_memory_access_audit_agent_time, blocking writes to its table while it builds"
CREATE INDEX ix_memory_access_audit_agent_time ON public.memory_access_audit USING btree (agent_id, accessed_at DESC);

-- step 40: source "create index public.ix_memory_access_audit_denied_time",
--   hazard INDEX_BUILD "builds index public.ix_memory_access_audit_denied_time, blocking writes to its table while it builds"
CREATE INDEX ix_memory_access_audit_denied_time ON public.memory_access_audit USING btree (accessed_at DESC)
    WHERE (NOT allowed);

-- step 41: source "create index public.ix_memory_access_audit_key_time",
--   hazard INDEX_BUILD "builds index public.ix_memory_access_audit_key_time, blocking writes to its table while it builds"
CREATE INDEX ix_memory_access_audit_key_time ON public.memory_access_audit USING btree (memory_key, accessed_at DESC);

-- step 42: source "create index workflow.ix_agent_checkpoints_analysis_latest",
--   hazard INDEX_BUILD "builds index workflow.ix_agent_checkpoints_analysis_latest, blocking writes to its table while it builds"
CREATE INDEX ix_agent_checkpoints_analysis_latest ON workflow.agent_checkpoints
    USING btree (analysis_id, created_at DESC);

-- step 43: source "create index workflow.ix_batch_pause_operations_open",
--   hazard INDEX_BUILD "builds index workflow.ix_batch_pause_operations_open, blocking writes to its table while it builds"
CREATE INDEX ix_batch_pause_operations_open ON workflow.batch_pause_operations USING btree (created_at DESC)
    WHERE (status = ANY (ARRAY['pending'::workflow.batch_status, 'running'::workflow.batch_status]));

-- step 44: source "create index workflow.ix_paused_analyses_analysis_time",
--   hazard INDEX_BUILD "builds index workflow.ix_paused_analyses_analysis_time, blocking writes to its table while it builds"
CREATE INDEX ix_paused_analyses_analysis_time ON workflow.paused_analyses USING btree (analysis_id, paused_at DESC);

-- step 45: source "create index workflow.ix_paused_analyses_batch",
--   hazard INDEX_BUILD "builds index workflow.ix_paused_analyses_batch, blocking writes to its table while it builds"
CREATE INDEX ix_paused_analyses_batch ON workflow.paused_analyses USING btree (batch_id) WHERE (batch_id IS NOT NULL);

-- step 46: source "create index workflow.ix_paused_analyses_checkpoint",
--   hazard INDEX_BUILD "builds index workflow.ix_paused_analyses_checkpoint, blocking writes to its table while it builds"
CREATE INDEX ix_paused_analyses_checkpoint ON workflow.paused_analyses USING btree (checkpoint_id)
    WHERE (checkpoint_id IS NOT NULL);

-- step 47: source "create index workflow.ux_paused_analyses_one_open",
--   hazard INDEX_BUILD "builds index workflow.ux_paused_analyses_one_open, blocking writes to its table while it builds"
CREATE UNIQUE INDEX ux_paused_analyses_one_open ON workflow.paused_analyses USING btree (analysis_id)
    WHERE (status = ANY (ARRAY['paused'::workflow.pause_status, 'resuming'::workflow.pause_status]));

-- step 48: source "create materialized view access_tracking.file_access_weekly"
CREATE MATERIALIZED VIEW access_tracking.file_access_weekly AS SELECT file_path,
    date_trunc('week'::text, accessed_at, 'UTC'::text) AS week_start,
    count(*) AS access_count,
    count(*) FILTER (WHERE (access_type = 'read'::access_tracking.access_type)) AS read_count,
    count(*) FILTER (WHERE (access_type = 'write'::access_tracking.access_type)) AS write_count,
    count(*) FILTER (WHERE (access_type = 'delete'::access_tracking.access_type)) AS delete_count,
    count(DISTINCT agent_id) AS distinct_agents,
    sum(bytes) AS total_bytes,
    max(accessed_at) AS last_accessed_at
   FROM access_tracking.file_access_log l
  GROUP BY file_path, (date_trunc('week'::text, accessed_at, 'UTC'::text)) WITH DATA;

-- step 49: source "create index access_tracking.ix_file_access_weekly_week",
--   hazard INDEX_BUILD "builds index access_tracking.ix_file_access_weekly_week, blocking writes to its table while it builds"
CREATE INDEX ix_file_access_weekly_week ON access_tracking.file_access_weekly USING btree (week_start);

-- step 50: source "create index access_tracking.ux_file_access_weekly_file_week",
--   hazard INDEX_BUILD "builds index access_tracking.ux_file_access_weekly_file_week, blocking writes to its table while it builds"
CREATE UNIQUE INDEX ux_file_access_weekly_file_week ON access_tracking.file_access_weekly
    USING btree (file_path, week_start);

-- step 51: source "create function public.set_updated_at()"
CREATE OR REPLACE FUNCTION public.set_updated_at()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$function$;

-- step 52: source "create trigger trg_actuals_set_updated_at on outcomes.actuals"
CREATE TRIGGER trg_actuals_set_updated_at BEFORE UPDATE
    ON outcomes.actuals FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

-- step 53: source "create trigger trg_lessons_learned_set_updated_at on outcomes.lessons_learned"
CREATE TRIGGER trg_lessons_learned_set_updated_at BEFORE UPDATE
    ON outcomes.lessons_learned FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

-- step 54: source "create trigger trg_prediction_outcomes_set_updated_at on outcomes.prediction_outcomes"
CREATE TRIGGER trg_prediction_outcomes_set_updated_at BEFORE UPDATE
    ON outcomes.prediction_outcomes FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

-- step 55: source "create trigger trg_agent_checkpoints_set_updated_at on workflow.agent_checkpoints"
CREATE TRIGGER trg_agent_checkpoints_set_updated_at BEFORE UPDATE
    ON workflow.agent_checkpoints FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

-- step 56: source "create trigger trg_batch_pause_operations_set_updated_at on workflow.batch_pause_operations"
CREATE TRIGGER trg_batch_pause_operations_set_updated_at BEFORE UPDATE
    ON workflow.batch_pause_operations FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

-- step 57: source "create trigger trg_paused_analyses_set_updated_at on workflow.paused_analyses"
CREATE TRIGGER trg_paused_analyses_set_updated_at BEFORE UPDATE
    ON workflow.paused_analyses FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

-- step 58: source "create schema access_tracking"
COMMENT ON SCHEMA access_tracking IS
    'Data access patterns and auditing - which agent read or wrote which stored file, and weekly aggregates of it.';

-- step 59: source "create schema document_registry"
COMMENT ON SCHEMA document_registry IS
    'Provisioned, empty (future). Will track source documents stored in S3 (filings, transcripts, reports) - object keys, checksums, provenance and processing state.';

-- step 60: source "create schema financial_data"
COMMENT ON SCHEMA financial_data IS
    'Provisioned, empty (future). Will hold normalized financial statements per ticker and fiscal period (income statement, balance sheet, cash flow lines).';

-- step 61: source "create schema market_data"
COMMENT ON SCHEMA market_data IS
    'Provisioned, empty (future). Will hold price and volume time series per ticker (daily bars, corporate-action adjustments).';

-- step 62: source "create schema metadata"
COMMENT ON SCHEMA metadata IS
    'Provisioned, empty (future). Will hold ticker and company reference data (identifiers, exchange, sector and industry classification, fiscal calendar).';

-- step 63: source "create schema outcomes"
COMMENT ON SCHEMA outcomes IS
    'Prediction tracking and learning - agent predictions, reported actuals, the error between them and lessons derived from it.';

-- step 64: source "alter schema public"
COMMENT ON SCHEMA public IS
    'Standard public schema. In FAS it holds system-wide objects only (the memory access audit and the shared updated_at trigger function).';

-- step 65: source "create schema workflow"
COMMENT ON SCHEMA workflow IS
    'Agent execution state and recovery - checkpoints of agent steps, paused analyses and the batch operations that paused them.';

-- step 66: source "create type access_tracking.access_type"
COMMENT ON TYPE access_tracking.access_type IS 'How an agent accessed a stored file.';

-- step 67: source "create type outcomes.lesson_category"
COMMENT ON TYPE outcomes.lesson_category IS 'Kind of lesson drawn from prediction outcomes.';

-- step 68: source "create type outcomes.lesson_status"
COMMENT ON TYPE outcomes.lesson_status IS
    'Review state of a lesson: proposed by an agent, validated for use, or retired.';

-- step 69: source "create type public.memory_action"
COMMENT ON TYPE public.memory_action IS 'What an agent attempted on a memory key.';

-- step 70: source "create type public.memory_tier"
COMMENT ON TYPE public.memory_tier IS
    'Memory tier of a key: l1 = Redis L1 working memory, l2 = Redis L2 cache, checkpoint = Redis checkpoint store.';

-- step 71: source "create type workflow.batch_status"
COMMENT ON TYPE workflow.batch_status IS
    'Lifecycle of a batch pause operation; completed, failed and cancelled are terminal.';

-- step 72: source "create type workflow.checkpoint_status"
COMMENT ON TYPE workflow.checkpoint_status IS
    'State of the agent step a checkpoint captures; superseded = a later attempt of the same step replaced it.';

-- step 73: source "create type workflow.pause_status"
COMMENT ON TYPE workflow.pause_status IS
    'Lifecycle of a pause: paused and resuming are open; resumed and cancelled are closed.';

-- step 74: source "create table access_tracking.file_access_log"
COMMENT ON TABLE access_tracking.file_access_log IS
    'Append-only log of agent reads and writes of stored files (S3 objects or local paths). Rows are never updated; aggregated weekly in access_tracking.file_access_weekly.';

-- step 75: source "create table access_tracking.file_access_log"
COMMENT ON COLUMN access_tracking.file_access_log.access_id IS
    'Surrogate key, generated by the database (high-volume log).';

-- step 76: source "create table access_tracking.file_access_log"
COMMENT ON COLUMN access_tracking.file_access_log.agent_id IS 'Identifier of the agent that accessed the file.';

-- step 77: source "create table access_tracking.file_access_log"
COMMENT ON COLUMN access_tracking.file_access_log.analysis_id IS 'Analysis the access was made for, if any.';

-- step 78: source "create table access_tracking.file_access_log"
COMMENT ON COLUMN access_tracking.file_access_log.file_path IS
    'Storage location of the file (S3 URI or path), verbatim.';

-- step 79: source "create table access_tracking.file_access_log"
COMMENT ON COLUMN access_tracking.file_access_log.access_type IS 'How the file was accessed (read, write, delete).';

-- step 80: source "create table access_tracking.file_access_log"
COMMENT ON COLUMN access_tracking.file_access_log.bytes IS 'Number of bytes read or written (0 for delete).';

-- step 81: source "create table access_tracking.file_access_log"
COMMENT ON COLUMN access_tracking.file_access_log.duration_ms IS
    'How long the access took in milliseconds, if measured.';

-- step 82: source "create table access_tracking.file_access_log"
COMMENT ON COLUMN access_tracking.file_access_log.accessed_at IS
    'When the access happened (agents flushing buffered logs supply their own time).';

-- step 83: source "create table outcomes.actuals"
COMMENT ON TABLE outcomes.actuals IS
    'Reported values of metrics, one row per ticker, metric and fiscal period. A restatement updates the row in place (is_restated, updated_at) and outcomes are re-scored.';

-- step 84: source "create table outcomes.actuals"
COMMENT ON COLUMN outcomes.actuals.actual_id IS
    'Surrogate key, generated by the database (actuals are ingested by the data pipeline, not minted by agents).';

-- step 85: source "create table outcomes.actuals"
COMMENT ON COLUMN outcomes.actuals.ticker IS 'Ticker symbol, upper case.';

-- step 86: source "create table outcomes.actuals"
COMMENT ON COLUMN outcomes.actuals.metric IS
    'Reported metric, lower snake_case, same vocabulary as outcomes.predictions.metric.';

-- step 87: source "create table outcomes.actuals"
COMMENT ON COLUMN outcomes.actuals.fiscal_period IS 'Fiscal period reported, as YYYY-Qn, YYYY-Hn or YYYY-FY.';

-- step 88: source "create table outcomes.actuals"
COMMENT ON COLUMN outcomes.actuals.reported_value IS 'Reported value of the metric, in the metric''s reporting unit.';

-- step 89: source "create table outcomes.actuals"
COMMENT ON COLUMN outcomes.actuals.source IS 'Where the value comes from (e.g. 10-Q, 10-K, 8-K, vendor name).';

-- step 90: source "create table outcomes.actuals"
COMMENT ON COLUMN outcomes.actuals.reported_at IS 'When the value was publicly reported.';

-- step 91: source "create table outcomes.actuals"
COMMENT ON COLUMN outcomes.actuals.is_restated IS 'True once the originally reported value has been restated.';

-- step 92: source "create table outcomes.actuals"
COMMENT ON COLUMN outcomes.actuals.created_at IS 'When the row was inserted.';

-- step 93: source "create table outcomes.actuals"
COMMENT ON COLUMN outcomes.actuals.updated_at IS
    'When the row was last changed (maintained by trigger public.set_updated_at).';

-- step 94: source "create table outcomes.lessons_learned"
COMMENT ON TABLE outcomes.lessons_learned IS
    'Lessons derived from prediction outcomes, fed back to agents. Curated knowledge that outlives the outcome it came from.';

-- step 95: source "create table outcomes.lessons_learned"
COMMENT ON COLUMN outcomes.lessons_learned.lesson_id IS 'Surrogate key, generated by the database.';

-- step 96: source "create table outcomes.lessons_learned"
COMMENT ON COLUMN outcomes.lessons_learned.outcome_id IS
    'Outcome the lesson was derived from; null if that outcome was purged or the lesson spans many outcomes.';

-- step 97: source "create table outcomes.lessons_learned"
COMMENT ON COLUMN outcomes.lessons_learned.agent_id IS 'Agent the lesson applies to.';

-- step 98: source "create table outcomes.lessons_learned"
COMMENT ON COLUMN outcomes.lessons_learned.ticker IS 'Ticker the lesson is about; null for a general lesson.';

-- step 99: source "create table outcomes.lessons_learned"
COMMENT ON COLUMN outcomes.lessons_learned.metric IS 'Metric the lesson is about; null for a general lesson.';

-- step 100: source "create table outcomes.lessons_learned"
COMMENT ON COLUMN outcomes.lessons_learned.category IS 'Kind of lesson.';

-- step 101: source "create table outcomes.lessons_learned"
COMMENT ON COLUMN outcomes.lessons_learned.lesson IS 'The lesson itself, in plain language.';

-- step 102: source "create table outcomes.lessons_learned"
COMMENT ON COLUMN outcomes.lessons_learned.status IS 'Review state; only validated lessons are fed back to agents.';

-- step 103: source "create table outcomes.lessons_learned"
COMMENT ON COLUMN outcomes.lessons_learned.created_at IS 'When the lesson was recorded.';

-- step 104: source "create table outcomes.lessons_learned"
COMMENT ON COLUMN outcomes.lessons_learned.updated_at IS
    'When the row was last changed (maintained by trigger public.set_updated_at).';

-- step 105: source "create table outcomes.prediction_outcomes"
COMMENT ON TABLE outcomes.prediction_outcomes IS
    'Scores a prediction against the actual of the same ticker, metric and fiscal period (enforced by composite foreign keys). One outcome per prediction; re-scored in place on restatement.';

-- step 106: source "create table outcomes.prediction_outcomes"
COMMENT ON COLUMN outcomes.prediction_outcomes.outcome_id IS 'Surrogate key, generated by the database.';

-- step 107: source "create table outcomes.prediction_outcomes"
COMMENT ON COLUMN outcomes.prediction_outcomes.prediction_id IS 'The scored prediction.';

-- step 108: source "create table outcomes.prediction_outcomes"
COMMENT ON COLUMN outcomes.prediction_outcomes.ticker IS
    'Ticker of the prediction and the actual (both foreign keys include it, so they must agree).';

-- step 109: source "create table outcomes.prediction_outcomes"
COMMENT ON COLUMN outcomes.prediction_outcomes.metric IS 'Metric of the prediction and the actual.';

-- step 110: source "create table outcomes.prediction_outcomes"
COMMENT ON COLUMN outcomes.prediction_outcomes.fiscal_period IS 'Fiscal period of the prediction and the actual.';

-- step 111: source "create table outcomes.prediction_outcomes"
COMMENT ON COLUMN outcomes.prediction_outcomes.error IS
    'Signed error, predicted_value minus reported_value (positive = over-prediction).';

-- step 112: source "create table outcomes.prediction_outcomes"
COMMENT ON COLUMN outcomes.prediction_outcomes.abs_pct_error IS
    'Absolute percentage error, 100 * abs(error) / abs(reported_value); null when the reported value is 0.';

-- step 113: source "create table outcomes.prediction_outcomes"
COMMENT ON COLUMN outcomes.prediction_outcomes.direction_correct IS
    'Whether the predicted direction of change versus the prior period was right; null if not applicable.';

-- step 114: source "create table outcomes.prediction_outcomes"
COMMENT ON COLUMN outcomes.prediction_outcomes.created_at IS 'When the prediction was first scored.';

-- step 115: source "create table outcomes.prediction_outcomes"
COMMENT ON COLUMN outcomes.prediction_outcomes.updated_at IS
    'When the outcome was last re-scored (maintained by trigger public.set_updated_at).';

-- step 116: source "create table outcomes.predictions"
COMMENT ON TABLE outcomes.predictions IS
    'Forecasts made by agents for a ticker, metric and fiscal period. Immutable once written (no updated_at) because the track record must not change after the fact.';

-- step 117: source "create table outcomes.predictions"
COMMENT ON COLUMN outcomes.predictions.prediction_id IS
    'Prediction identifier; minted by the agent so retried writes are idempotent, generated if omitted.';

-- step 118: source "create table outcomes.predictions"
COMMENT ON COLUMN outcomes.predictions.analysis_id IS 'Analysis that produced the prediction.';

-- step 119: source "create table outcomes.predictions"
COMMENT ON COLUMN outcomes.predictions.agent_id IS 'Agent that made the prediction.';

-- step 120: source "create table outcomes.predictions"
COMMENT ON COLUMN outcomes.predictions.model_version IS
    'Model or prompt version the agent used (for comparing accuracy across versions).';

-- step 121: source "create table outcomes.predictions"
COMMENT ON COLUMN outcomes.predictions.ticker IS 'Ticker symbol, upper case (e.g. AAPL, BRK.B).';

-- step 122: source "create table outcomes.predictions"
COMMENT ON COLUMN outcomes.predictions.metric IS
    'Predicted metric, lower snake_case (e.g. revenue, eps_diluted, free_cash_flow).';

-- step 123: source "create table outcomes.predictions"
COMMENT ON COLUMN outcomes.predictions.fiscal_period IS 'Fiscal period predicted, as YYYY-Qn, YYYY-Hn or YYYY-FY.';

-- step 124: source "create table outcomes.predictions"
COMMENT ON COLUMN outcomes.predictions.horizon_days IS
    'Days between the prediction and the expected report of the period.';

-- step 125: source "create table outcomes.predictions"
COMMENT ON COLUMN outcomes.predictions.predicted_value IS
    'Predicted value of the metric, in the metric''s reporting unit.';

-- step 126: source "create table outcomes.predictions"
COMMENT ON COLUMN outcomes.predictions.confidence IS 'Agent''s confidence in the prediction, 0 to 1.';

-- step 127: source "create table outcomes.predictions"
COMMENT ON COLUMN outcomes.predictions.created_at IS 'When the prediction was made.';

-- step 128: source "create table public.memory_access_audit"
COMMENT ON TABLE public.memory_access_audit IS
    'Append-only security audit of agent access to memory keys across the L1/L2/checkpoint tiers, including denied attempts. Rows are never updated.';

-- step 129: source "create table public.memory_access_audit"
COMMENT ON COLUMN public.memory_access_audit.audit_id IS
    'Surrogate key, generated by the database (high-volume log, ordered by insertion).';

-- step 130: source "create table public.memory_access_audit"
COMMENT ON COLUMN public.memory_access_audit.agent_id IS
    'Identifier of the agent that touched the key (the agent name/instance id used across FAS).';

-- step 131: source "create table public.memory_access_audit"
COMMENT ON COLUMN public.memory_access_audit.analysis_id IS
    'Analysis the agent was working on, if any (system agents may act outside an analysis).';

-- step 132: source "create table public.memory_access_audit"
COMMENT ON COLUMN public.memory_access_audit.memory_tier IS 'Tier the key lives in (l1, l2, checkpoint).';

-- step 133: source "create table public.memory_access_audit"
COMMENT ON COLUMN public.memory_access_audit.memory_key IS 'The memory key as used in Redis, verbatim.';

-- step 134: source "create table public.memory_access_audit"
COMMENT ON COLUMN public.memory_access_audit.action IS 'What the agent attempted (read, write, delete).';

-- step 135: source "create table public.memory_access_audit"
COMMENT ON COLUMN public.memory_access_audit.allowed IS 'Whether the access policy allowed the attempt.';

-- step 136: source "create table public.memory_access_audit"
COMMENT ON COLUMN public.memory_access_audit.denial_reason IS
    'Why the attempt was denied; set exactly when allowed is false.';

-- step 137: source "create table public.memory_access_audit"
COMMENT ON COLUMN public.memory_access_audit.accessed_at IS 'When the access was attempted.';

-- step 138: source "create table workflow.agent_checkpoints"
COMMENT ON TABLE workflow.agent_checkpoints IS
    'Saved state of an agent at a step of an analysis, used to resume after a pause or failure. The latest row per analysis is the resume point.';

-- step 139: source "create table workflow.agent_checkpoints"
COMMENT ON COLUMN workflow.agent_checkpoints.checkpoint_id IS
    'Surrogate key, generated by the database; agents do not need to know it before saving.';

-- step 140: source "create table workflow.agent_checkpoints"
COMMENT ON COLUMN workflow.agent_checkpoints.analysis_id IS
    'Analysis this checkpoint belongs to (uuid minted by the orchestrator when the analysis starts).';

-- step 141: source "create table workflow.agent_checkpoints"
COMMENT ON COLUMN workflow.agent_checkpoints.agent_id IS 'Identifier of the agent that saved the checkpoint.';

-- step 142: source "create table workflow.agent_checkpoints"
COMMENT ON COLUMN workflow.agent_checkpoints.step_name IS
    'Name of the workflow step the agent was executing (e.g. fetch_filings, build_dcf).';

-- step 143: source "create table workflow.agent_checkpoints"
COMMENT ON COLUMN workflow.agent_checkpoints.step_index IS 'Zero-based position of the step in the agent''s plan.';

-- step 144: source "create table workflow.agent_checkpoints"
COMMENT ON COLUMN workflow.agent_checkpoints.attempt IS
    'Attempt number of this step (1 for the first run, incremented on retry).';

-- step 145: source "create table workflow.agent_checkpoints"
COMMENT ON COLUMN workflow.agent_checkpoints.status IS
    'State of the step when the checkpoint was written or last updated.';

-- step 146: source "create table workflow.agent_checkpoints"
COMMENT ON COLUMN workflow.agent_checkpoints.state IS 'Serialized agent state needed to resume (a JSON object).';

-- step 147: source "create table workflow.agent_checkpoints"
COMMENT ON COLUMN workflow.agent_checkpoints.error_message IS
    'Error that ended the step; set only when status is failed.';

-- step 148: source "create table workflow.agent_checkpoints"
COMMENT ON COLUMN workflow.agent_checkpoints.created_at IS 'When the checkpoint was saved.';

-- step 149: source "create table workflow.agent_checkpoints"
COMMENT ON COLUMN workflow.agent_checkpoints.updated_at IS
    'When the row was last changed (maintained by trigger public.set_updated_at).';

-- step 150: source "create table workflow.batch_pause_operations"
COMMENT ON TABLE workflow.batch_pause_operations IS
    'One row per operator/orchestrator request to pause many analyses at once; paused_analyses.batch_id points back here.';

-- step 151: source "create table workflow.batch_pause_operations"
COMMENT ON COLUMN workflow.batch_pause_operations.batch_id IS
    'Batch identifier; may be supplied by the caller so a retried request is idempotent, otherwise generated.';

-- step 152: source "create table workflow.batch_pause_operations"
COMMENT ON COLUMN workflow.batch_pause_operations.requested_by IS 'Operator or agent that requested the batch pause.';

-- step 153: source "create table workflow.batch_pause_operations"
COMMENT ON COLUMN workflow.batch_pause_operations.reason IS
    'Why the analyses are being paused (e.g. upstream data outage, deploy).';

-- step 154: source "create table workflow.batch_pause_operations"
COMMENT ON COLUMN workflow.batch_pause_operations.target_filter IS
    'Selection criteria the batch was applied with (JSON object, e.g. agents, tickers, analysis ids).';

-- step 155: source "create table workflow.batch_pause_operations"
COMMENT ON COLUMN workflow.batch_pause_operations.status IS 'Progress of the batch operation.';

-- step 156: source "create table workflow.batch_pause_operations"
COMMENT ON COLUMN workflow.batch_pause_operations.target_count IS 'Number of analyses selected by the filter.';

-- step 157: source "create table workflow.batch_pause_operations"
COMMENT ON COLUMN workflow.batch_pause_operations.paused_count IS 'Number of analyses successfully paused so far.';

-- step 158: source "create table workflow.batch_pause_operations"
COMMENT ON COLUMN workflow.batch_pause_operations.failed_count IS 'Number of analyses that could not be paused.';

-- step 159: source "create table workflow.batch_pause_operations"
COMMENT ON COLUMN workflow.batch_pause_operations.created_at IS 'When the batch was requested.';

-- step 160: source "create table workflow.batch_pause_operations"
COMMENT ON COLUMN workflow.batch_pause_operations.updated_at IS
    'When the row was last changed (maintained by trigger public.set_updated_at).';

-- step 161: source "create table workflow.batch_pause_operations"
COMMENT ON COLUMN workflow.batch_pause_operations.completed_at IS
    'When the batch reached a terminal status (completed, failed, cancelled).';

-- step 162: source "create table workflow.paused_analyses"
COMMENT ON TABLE workflow.paused_analyses IS
    'Pauses of analyses (one row per pause, history kept) with the checkpoint to resume from and a single-use resume token.';

-- step 163: source "create table workflow.paused_analyses"
COMMENT ON COLUMN workflow.paused_analyses.pause_id IS 'Surrogate key, generated by the database.';

-- step 164: source "create table workflow.paused_analyses"
COMMENT ON COLUMN workflow.paused_analyses.analysis_id IS 'The paused analysis (uuid minted by the orchestrator).';

-- step 165: source "create table workflow.paused_analyses"
COMMENT ON COLUMN workflow.paused_analyses.agent_id IS 'Agent that was running the analysis when it was paused.';

-- step 166: source "create table workflow.paused_analyses"
COMMENT ON COLUMN workflow.paused_analyses.checkpoint_id IS
    'Checkpoint to resume from; null if the analysis was paused before its first checkpoint.';

-- step 167: source "create table workflow.paused_analyses"
COMMENT ON COLUMN workflow.paused_analyses.batch_id IS
    'Batch pause operation that paused this analysis; null for an individual pause.';

-- step 168: source "create table workflow.paused_analyses"
COMMENT ON COLUMN workflow.paused_analyses.status IS 'Lifecycle state of this pause.';

-- step 169: source "create table workflow.paused_analyses"
COMMENT ON COLUMN workflow.paused_analyses.reason IS 'Why the analysis was paused.';

-- step 170: source "create table workflow.paused_analyses"
COMMENT ON COLUMN workflow.paused_analyses.resume_token IS
    'Random single-use token required to resume; present exactly while the pause is open (paused, resuming) and cleared when it closes.';

-- step 171: source "create table workflow.paused_analyses"
COMMENT ON COLUMN workflow.paused_analyses.paused_at IS 'When the analysis was paused.';

-- step 172: source "create table workflow.paused_analyses"
COMMENT ON COLUMN workflow.paused_analyses.resumed_at IS
    'When the analysis was resumed; set exactly when status is resumed.';

-- step 173: source "create table workflow.paused_analyses"
COMMENT ON COLUMN workflow.paused_analyses.created_at IS 'When the row was inserted.';

-- step 174: source "create table workflow.paused_analyses"
COMMENT ON COLUMN workflow.paused_analyses.updated_at IS
    'When the row was last changed (maintained by trigger public.set_updated_at).';

-- step 175: source "create materialized view access_tracking.file_access_weekly"
COMMENT ON MATERIALIZED VIEW access_tracking.file_access_weekly IS
    'Weekly (Monday, UTC) access counts and bytes per file from access_tracking.file_access_log. Refresh with REFRESH MATERIALIZED VIEW CONCURRENTLY.';

-- step 176: source "create materialized view access_tracking.file_access_weekly"
COMMENT ON COLUMN access_tracking.file_access_weekly.file_path IS 'Storage location of the file.';

-- step 177: source "create materialized view access_tracking.file_access_weekly"
COMMENT ON COLUMN access_tracking.file_access_weekly.week_start IS 'Start of the week (Monday 00:00 UTC).';

-- step 178: source "create materialized view access_tracking.file_access_weekly"
COMMENT ON COLUMN access_tracking.file_access_weekly.access_count IS 'Number of accesses in the week.';

-- step 179: source "create materialized view access_tracking.file_access_weekly"
COMMENT ON COLUMN access_tracking.file_access_weekly.read_count IS 'Number of reads in the week.';

-- step 180: source "create materialized view access_tracking.file_access_weekly"
COMMENT ON COLUMN access_tracking.file_access_weekly.write_count IS 'Number of writes in the week.';

-- step 181: source "create materialized view access_tracking.file_access_weekly"
COMMENT ON COLUMN access_tracking.file_access_weekly.delete_count IS 'Number of deletes in the week.';

-- step 182: source "create materialized view access_tracking.file_access_weekly"
COMMENT ON COLUMN access_tracking.file_access_weekly.distinct_agents IS
    'Number of distinct agents that accessed the file in the week.';

-- step 183: source "create materialized view access_tracking.file_access_weekly"
COMMENT ON COLUMN access_tracking.file_access_weekly.total_bytes IS 'Bytes read and written in the week.';

-- step 184: source "create materialized view access_tracking.file_access_weekly"
COMMENT ON COLUMN access_tracking.file_access_weekly.last_accessed_at IS 'Latest access in the week.';

-- step 185: source "create function public.set_updated_at()"
COMMENT ON FUNCTION public.set_updated_at() IS
    'BEFORE UPDATE row trigger function: sets NEW.updated_at to now() (transaction start time). Shared by every table with an updated_at column.';

-- downgrade

-- step 1: source "drop materialized view access_tracking.file_access_weekly",
--   hazard DELETES_DATA "drops materialized view access_tracking.file_access_weekly; it must be refreshed again"
DROP MATERIALIZED VIEW access_tracking.file_access_weekly;

-- step 2: source "alter schema public"
COMMENT ON SCHEMA public IS 'standard public schema';

-- step 3: source "drop table access_tracking.file_access_log",
--   hazard DELETES_DATA "drops table access_tracking.file_access_log and all its rows"
DROP TABLE access_tracking.file_access_log;

-- step 4: source "drop table outcomes.lessons_learned",
--   hazard DELETES_DATA "drops table outcomes.lessons_learned and all its rows"
DROP TABLE outcomes.lessons_learned;

-- step 5: source "drop table outcomes.prediction_outcomes",
--   hazard DELETES_DATA "drops table outcomes.prediction_outcomes and all its rows"
DROP TABLE outcomes.prediction_outcomes;

-- step 6: source "drop table outcomes.actuals",
--   hazard DELETES_DATA "drops table outcomes.actuals and all its rows"
DROP TABLE outcomes.actuals;

-- step 7: source "drop table outcomes.predictions",
--   hazard DELETES_DATA "drops table outcomes.predictions and all its rows"
DROP TABLE outcomes.predictions;

-- step 8: source "drop table public.memory_access_audit",
--   hazard DELETES_DATA "drops table public.memory_access_audit and all its rows"
DROP TABLE public.memory_access_audit;

-- step 9: source "drop table workflow.paused_analyses",
--   hazard DELETES_DATA "drops table workflow.paused_analyses and all its rows"
DROP TABLE workflow.paused_analyses;

-- step 10: source "drop table workflow.agent_checkpoints",
--   hazard DELETES_DATA "drops table workflow.agent_checkpoints and all its rows"
DROP TABLE workflow.agent_checkpoints;

-- step 11: source "drop table workflow.batch_pause_operations",
--   hazard DELETES_DATA "drops table workflow.batch_pause_operations and all its rows"
DROP TABLE workflow.batch_pause_operations;

-- step 12: source "drop function public.set_updated_at()"
DROP FUNCTION public.set_updated_at();

-- step 13: source "drop type access_tracking.access_type"
DROP TYPE access_tracking.access_type;

-- step 14: source "drop type outcomes.lesson_category"
DROP TYPE outcomes.lesson_category;

-- step 15: source "drop type outcomes.lesson_status"
DROP TYPE outcomes.lesson_status;

-- step 16: source "drop type public.memory_action"
DROP TYPE public.memory_action;

-- step 17: source "drop type public.memory_tier"
DROP TYPE public.memory_tier;

-- step 18: source "drop type workflow.batch_status"
DROP TYPE workflow.batch_status;

-- step 19: source "drop type workflow.checkpoint_status"
DROP TYPE workflow.checkpoint_status;

-- step 20: source "drop type workflow.pause_status"
DROP TYPE workflow.pause_status;

-- step 21: source "drop schema access_tracking",
--   hazard DELETES_DATA "drops schema access_tracking"
DROP SCHEMA access_tracking;

-- step 22: source "drop schema document_registry",
--   hazard DELETES_DATA "drops schema document_registry"
DROP SCHEMA document_registry;

-- step 23: source "drop schema financial_data",
--   hazard DELETES_DATA "drops schema financial_data"
DROP SCHEMA financial_data;

-- step 24: source "drop schema market_data",
--   hazard DELETES_DATA "drops schema market_data"
DROP SCHEMA market_data;

-- step 25: source "drop schema metadata",
--   hazard DELETES_DATA "drops schema metadata"
DROP SCHEMA metadata;

-- step 26: source "drop schema outcomes",
--   hazard DELETES_DATA "drops schema outcomes"
DROP SCHEMA outcomes;

-- step 27: source "drop schema workflow",
--   hazard DELETES_DATA "drops schema workflow"
DROP SCHEMA workflow;

