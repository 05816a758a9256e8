-- A domain whose base type changes cannot be altered, and PostgreSQL refuses to drop it while columns
-- use it: it is swapped (renamed aside, made again, each column converted through text, the old one
-- dropped). A view over a converted column is made again; a partitioned table keyed on the domain
-- is made again with its partitions (a partition key column cannot be converted).
CREATE DOMAIN public.code AS varchar(8) NOT NULL CHECK (VALUE <> '');
CREATE TABLE public.things (id integer PRIMARY KEY, code public.code DEFAULT 'none');
CREATE VIEW public.thing_codes AS SELECT id, code FROM public.things;
CREATE TABLE public.ledger (id bigint NOT NULL, code public.code) PARTITION BY LIST (code);
CREATE TABLE public.ledger_a PARTITION OF public.ledger FOR VALUES IN ('a');
INSERT INTO public.things VALUES (1, 'x'), (2, DEFAULT);
