-- An enum that a partition key uses loses a value. PostgreSQL cannot convert a partition key
-- column (cannot alter column "region" because it is part of the partition key): the partitioned
-- table and its partitions are made again. The same enum on a non-key column of another
-- partitioned table, and on an ordinary table, is converted in place. A table whose own key does
-- not use the enum but whose sub-partitioned partition does is made again too (ALTER COLUMN TYPE
-- on it would recurse into that partition's key).
CREATE TYPE public.region AS ENUM ('eu', 'us', 'apac');
CREATE TABLE public.events (id bigint NOT NULL, region public.region NOT NULL, payload text) PARTITION BY LIST (region);
CREATE TABLE public.events_eu PARTITION OF public.events FOR VALUES IN ('eu');
CREATE TABLE public.events_us PARTITION OF public.events FOR VALUES IN ('us');
CREATE TABLE public.visits (day date NOT NULL, region public.region) PARTITION BY RANGE (day);
CREATE TABLE public.visits_2026 PARTITION OF public.visits FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE public.offices (id integer PRIMARY KEY, region public.region NOT NULL DEFAULT 'eu');
CREATE TABLE public.orders (id bigint NOT NULL, day date NOT NULL, region public.region NOT NULL) PARTITION BY RANGE (day);
CREATE TABLE public.orders_2026 PARTITION OF public.orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') PARTITION BY LIST (region);
CREATE TABLE public.orders_2026_eu PARTITION OF public.orders_2026 FOR VALUES IN ('eu');
CREATE TABLE public.orders_2026_rest PARTITION OF public.orders_2026 DEFAULT;
INSERT INTO public.visits VALUES ('2026-03-01', 'us');
INSERT INTO public.offices VALUES (1, 'eu'), (2, 'us');
