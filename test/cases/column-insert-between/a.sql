CREATE TABLE parent (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, code serial UNIQUE);
CREATE INDEX parent_name ON parent (name);
COMMENT ON TABLE parent IS 'new columns are appended: no rebuild';
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id) ON DELETE CASCADE);
CREATE VIEW parent_names AS SELECT id, name FROM parent;
INSERT INTO parent (name) VALUES ('a'), ('b');
INSERT INTO child VALUES (1, 1);
