-- Column types with no cast between them (date <-> integer, integer[] <-> integer,
-- boolean <-> date): USING col::newtype cannot run, so the values are replaced by
-- the new default or NULL (DELETES_DATA). amount and code keep their casts.
CREATE TABLE public.events (
    id integer PRIMARY KEY,
    happened integer,
    tags integer,
    flag date NOT NULL DEFAULT '2000-01-01'::date,
    amount bigint,
    code integer
);

CREATE INDEX events_happened_idx ON public.events (happened);

COMMENT ON COLUMN public.events.happened IS 'when it happened';

INSERT INTO public.events VALUES (1, 20240102, 1, '2024-01-02', 10, 7), (2, NULL, NULL, '2000-01-01', NULL, NULL);
