CREATE TABLE t (id int PRIMARY KEY, u uuid DEFAULT gen_random_uuid(), at timestamptz DEFAULT now(), n int DEFAULT 0);
