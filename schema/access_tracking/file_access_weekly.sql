-- Weekly access aggregate per file. Weeks start on Monday and are computed in
-- UTC (three-argument date_trunc) so the content does not depend on the
-- TimeZone setting of the session that happens to refresh it.
CREATE MATERIALIZED VIEW access_tracking.file_access_weekly AS
SELECT l.file_path,
       date_trunc('week', l.accessed_at, 'UTC') AS week_start,
       count(*) AS access_count,
       count(*) FILTER (WHERE l.access_type = 'read') AS read_count,
       count(*) FILTER (WHERE l.access_type = 'write') AS write_count,
       count(*) FILTER (WHERE l.access_type = 'delete') AS delete_count,
       count(DISTINCT l.agent_id) AS distinct_agents,
       sum(l.bytes) AS total_bytes,
       max(l.accessed_at) AS last_accessed_at
FROM access_tracking.file_access_log l
GROUP BY l.file_path, date_trunc('week', l.accessed_at, 'UTC');

-- Required for REFRESH MATERIALIZED VIEW CONCURRENTLY: a unique index on plain
-- columns, without WHERE clause.
CREATE UNIQUE INDEX ux_file_access_weekly_file_week
  ON access_tracking.file_access_weekly (file_path, week_start);

CREATE INDEX ix_file_access_weekly_week
  ON access_tracking.file_access_weekly (week_start);

COMMENT ON MATERIALIZED VIEW access_tracking.file_access_weekly IS 'Weekly (Monday, UTC) access counts and bytes per file from access_tracking.file_access_log. Refresh with REFRESH MATERIALIZED VIEW CONCURRENTLY.';
COMMENT ON COLUMN access_tracking.file_access_weekly.file_path IS 'Storage location of the file.';
COMMENT ON COLUMN access_tracking.file_access_weekly.week_start IS 'Start of the week (Monday 00:00 UTC).';
COMMENT ON COLUMN access_tracking.file_access_weekly.access_count IS 'Number of accesses in the week.';
COMMENT ON COLUMN access_tracking.file_access_weekly.read_count IS 'Number of reads in the week.';
COMMENT ON COLUMN access_tracking.file_access_weekly.write_count IS 'Number of writes in the week.';
COMMENT ON COLUMN access_tracking.file_access_weekly.delete_count IS 'Number of deletes in the week.';
COMMENT ON COLUMN access_tracking.file_access_weekly.distinct_agents IS 'Number of distinct agents that accessed the file in the week.';
COMMENT ON COLUMN access_tracking.file_access_weekly.total_bytes IS 'Bytes read and written in the week.';
COMMENT ON COLUMN access_tracking.file_access_weekly.last_accessed_at IS 'Latest access in the week.';
