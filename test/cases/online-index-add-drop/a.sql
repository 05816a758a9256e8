CREATE SCHEMA app;
CREATE TABLE app.events (id bigint PRIMARY KEY, kind text, at timestamptz);
CREATE INDEX events_at_idx ON app.events (at);
INSERT INTO app.events SELECT g, 'k' || (g % 7), now() FROM generate_series(1, 100) g;
