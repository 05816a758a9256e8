CREATE DOMAIN public.code AS text NOT NULL CHECK (VALUE <> '');
CREATE DOMAIN public.tag AS text NOT NULL;
CREATE TABLE public.things (id integer PRIMARY KEY, code public.code DEFAULT 'none', label public.code COLLATE "C", t public.tag);
CREATE VIEW public.thing_codes AS SELECT id, code FROM public.things;
CREATE TABLE public.ledger (id bigint NOT NULL, code public.code) PARTITION BY LIST (code);
CREATE TABLE public.ledger_a PARTITION OF public.ledger FOR VALUES IN ('a');
