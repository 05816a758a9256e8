CREATE SCHEMA app;
CREATE TABLE app.events (id bigint PRIMARY KEY, kind text, at timestamptz);
CREATE UNIQUE INDEX "events kind" ON app.events (kind, id) WHERE kind IS NOT NULL;
COMMENT ON INDEX app."events kind" IS 'by kind';
CREATE TABLE app.fresh (id int, v text);
CREATE INDEX fresh_v_idx ON app.fresh (v);
