-- Column types with no cast between them (date <-> integer, integer[] <-> integer,
-- boolean <-> date): USING col::newtype cannot run, so the values are replaced by
-- the new default or NULL (DELETES_DATA). amount and code keep their casts.
CREATE TABLE public.events (
    id integer PRIMARY KEY,
    happened date,
    tags integer[],
    flag boolean NOT NULL DEFAULT false,
    amount integer,
    code text
);

CREATE INDEX events_happened_idx ON public.events (happened);

COMMENT ON COLUMN public.events.happened IS 'when it happened';

INSERT INTO public.events VALUES (1, '2024-01-02', '{1,2}', true, 10, '7'), (2, NULL, NULL, false, NULL, NULL);
