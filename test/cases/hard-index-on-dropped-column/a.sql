-- Found by npm run fuzz -- --runs 500 --seed 777 (shrunk): an index keeps its name
-- while the column it is on is dropped and another added. The index goes with
-- the dropped column, so it is dropped and built again, not swapped (a swap
-- dropped it a second time: index "select_idx" does not exist). t_a_idx
-- changes on columns that stay: still swapped.
CREATE TABLE public."select" (a integer, b integer, c integer);
CREATE INDEX select_idx ON public."select" (b);
CREATE INDEX t_a_idx ON public."select" (a);
COMMENT ON INDEX public.select_idx IS 'the lookup';
INSERT INTO public."select" VALUES (1, 2, 3), (4, 5, 6);
