-- Found by npm run fuzz -- --runs 500 --seed 777 (shrunk): an index built CONCURRENTLY on a column the plan adds after re-making its enum type must wait for the column.
CREATE SCHEMA fz;
CREATE TYPE fz.mood AS ENUM ('bad', 'ok');
CREATE DOMAIN fz.posint AS integer;
CREATE TABLE fz.t1 (a integer, "order" fz.mood);
CREATE INDEX t1_idx ON fz.t1 ("order");
