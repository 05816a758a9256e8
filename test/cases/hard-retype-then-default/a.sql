-- Found by npm run fuzz -- --runs 500 --seed 777 (shrunk): a column changes type (boolean -> integer)
-- and gains a default of the new type, while the type change waits for a foreign key to go:
-- the default must be set after the type change, not before it.
CREATE SCHEMA fz;
CREATE TYPE fz.mood AS ENUM ('ok', 'bad');
CREATE DOMAIN fz.posint AS integer;
CREATE TABLE fz.t1 (a boolean);
CREATE TABLE fz."Odd Table" (a boolean NOT NULL, PRIMARY KEY (a));
ALTER TABLE fz.t1 ADD CONSTRAINT t1_fk FOREIGN KEY (a) REFERENCES fz."Odd Table" (a) ON DELETE CASCADE;
