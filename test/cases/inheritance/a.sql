CREATE TABLE base (id int, created_at timestamptz DEFAULT now());
