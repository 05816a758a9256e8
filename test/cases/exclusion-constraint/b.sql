CREATE TABLE t (c circle, EXCLUDE USING gist (c WITH &&));
