-- Found by npm run fuzz -- --runs 500 --seed 777 (shrunk): a primary key on a
-- column the plan adds, whose enum type is made again in the same plan. On an
-- existing table the key is built online (CREATE UNIQUE INDEX CONCURRENTLY, then
-- ADD CONSTRAINT ... USING INDEX); the build must wait for the new column.
CREATE SCHEMA fz;
CREATE TYPE fz.mood AS ENUM ('ok', 'bad');
CREATE TABLE fz.t1 (b integer);
