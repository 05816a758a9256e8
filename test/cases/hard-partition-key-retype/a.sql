-- The partition key's column changes type, which ALTER TABLE cannot do
-- (cannot alter column "id" because it is part of the partition key): the
-- partitioned table is made again, and with it its partitions at every depth,
-- their indexes and the view over it.
CREATE TABLE m (id integer, note text) PARTITION BY RANGE (id);
CREATE TABLE m_p0 PARTITION OF m FOR VALUES FROM (MINVALUE) TO (100);
CREATE TABLE m_p1 PARTITION OF m FOR VALUES FROM (100) TO (MAXVALUE) PARTITION BY LIST (lower(note));
CREATE TABLE m_p1_rest PARTITION OF m_p1 DEFAULT;
CREATE INDEX m_note_idx ON m (note);
CREATE VIEW m_ids AS SELECT id FROM m;
COMMENT ON TABLE m_p0 IS 'low ids';
