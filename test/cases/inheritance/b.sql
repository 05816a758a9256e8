CREATE TABLE base (id int, created_at timestamptz DEFAULT now()); CREATE TABLE child (note text, CONSTRAINT child_note CHECK (note <> '')) INHERITS (base);
