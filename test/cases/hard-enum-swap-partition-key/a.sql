-- An enum that a partition key uses loses a value. PostgreSQL cannot convert a partition key
-- column (cannot alter column "region" because it is part of the partition key): the partitioned
-- table and its partitions are made again. The same enum on a non-key column of another
-- partitioned table, and on an ordinary table, is converted in place.
CREATE TYPE public.region AS ENUM ('eu', 'us', 'apac');
CREATE TABLE public.events (id bigint NOT NULL, region public.region NOT NULL, payload text) PARTITION BY LIST (region);
CREATE TABLE public.events_eu PARTITION OF public.events FOR VALUES IN ('eu');
CREATE TABLE public.events_us PARTITION OF public.events FOR VALUES IN ('us');
CREATE TABLE public.visits (day date NOT NULL, region public.region) PARTITION BY RANGE (day);
CREATE TABLE public.visits_2026 PARTITION OF public.visits FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE public.offices (id integer PRIMARY KEY, region public.region NOT NULL DEFAULT 'eu');
INSERT INTO public.visits VALUES ('2026-03-01', 'us');
INSERT INTO public.offices VALUES (1, 'eu'), (2, 'us');
