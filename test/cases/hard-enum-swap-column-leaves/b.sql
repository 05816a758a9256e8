-- Found by npm run fuzz -- --runs 500 --seed 777 (shrunk): an enum whose values are
-- reordered is swapped (renamed, created again, its columns converted); a column
-- that at the same time leaves the enum for another type must not be converted
-- back to the enum by the swap.
CREATE SCHEMA fz;
CREATE TYPE fz.mood AS ENUM ('bad', 'ok');
CREATE TABLE fz.t1 (a integer, b fz.mood DEFAULT 'ok', c text[]);
INSERT INTO fz.t1 VALUES (NULL, 'bad', '{ok}'), (NULL, DEFAULT, NULL);
