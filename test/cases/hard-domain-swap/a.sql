-- A domain whose base type changes cannot be altered, and PostgreSQL refuses to drop it while columns
-- use it: it is swapped (renamed aside, made again, each column converted through text, the old one
-- dropped). A view over a converted column is made again; a partitioned table keyed on the domain
-- is made again with its partitions (a partition key column cannot be converted). A column's
-- own COLLATE is kept. tag gains NOT NULL with its new base type: the conversion says so
-- (NARROWS_TYPE), as rows holding NULL would make it fail.
CREATE DOMAIN public.code AS varchar(8) NOT NULL CHECK (VALUE <> '');
CREATE DOMAIN public.tag AS varchar(8);
CREATE TABLE public.things (id integer PRIMARY KEY, code public.code DEFAULT 'none', label public.code COLLATE "C", t public.tag);
CREATE VIEW public.thing_codes AS SELECT id, code FROM public.things;
CREATE TABLE public.ledger (id bigint NOT NULL, code public.code) PARTITION BY LIST (code);
CREATE TABLE public.ledger_a PARTITION OF public.ledger FOR VALUES IN ('a');
INSERT INTO public.things VALUES (1, 'x', 'b', 't1'), (2, DEFAULT, 'A', 't2');
