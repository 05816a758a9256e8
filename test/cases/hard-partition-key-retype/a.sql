-- The partition key's column changes type, which ALTER TABLE cannot do
-- (cannot alter column "id" because it is part of the partition key): the
-- partitioned table is made again, and with it its partitions at every depth,
-- their indexes and the view over it. A column in the key of a sub-partitioned
-- partition only (o_2026 by tier; o itself by day) makes o too be made again:
-- ALTER COLUMN TYPE on o would recurse into o_2026 and be refused. q's key column
-- changes type while a partition keyed on it is added: q is converted in place,
-- its rows kept, and the new partition is created after the conversion.
CREATE TABLE m (id integer, note text) PARTITION BY RANGE (id);
CREATE TABLE m_p0 PARTITION OF m FOR VALUES FROM (MINVALUE) TO (100);
CREATE TABLE m_p1 PARTITION OF m FOR VALUES FROM (100) TO (MAXVALUE) PARTITION BY LIST (lower(note));
CREATE TABLE m_p1_rest PARTITION OF m_p1 DEFAULT;
CREATE INDEX m_note_idx ON m (note);
CREATE VIEW m_ids AS SELECT id FROM m;
COMMENT ON TABLE m_p0 IS 'low ids';
CREATE TABLE o (id bigint NOT NULL, day date NOT NULL, tier text NOT NULL) PARTITION BY RANGE (day);
CREATE TABLE o_2026 PARTITION OF o FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') PARTITION BY LIST (tier);
CREATE TABLE o_2026_gold PARTITION OF o_2026 FOR VALUES IN ('gold');
CREATE TABLE o_2026_rest PARTITION OF o_2026 DEFAULT;
INSERT INTO o VALUES (1, '2026-02-01', 'gold'), (2, '2026-02-02', 'silver');
CREATE TABLE q (id bigint NOT NULL, day date NOT NULL, tier text NOT NULL) PARTITION BY RANGE (day);
CREATE TABLE q_2025 PARTITION OF q FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO q VALUES (1, '2025-02-01', 'gold');
