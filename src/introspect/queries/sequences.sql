-- Sequence parameters, and the column that owns each (serial: 'a', identity: 'i').
-- The owner is looked up per sequence (LATERAL, OFFSET 0: not flattened, so a
-- few index probes for each sequence) rather than joined from every column
-- dependency of the database (those of indexes outnumber sequences).
SELECT s.seqrelid AS oid, format_type(s.seqtypid, NULL) AS data_type,
       s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
       s.seqcache::text AS cache, s.seqcycle AS cycle,
       o.owner_deptype, o.owner_schema, o.owner_table, o.owner_column
FROM pg_sequence s
LEFT JOIN LATERAL (
  SELECT d.deptype AS owner_deptype, on_.nspname AS owner_schema, oc.relname AS owner_table, oa.attname AS owner_column
  FROM pg_depend d
  LEFT JOIN pg_class oc ON oc.oid = d.refobjid
  LEFT JOIN pg_namespace on_ ON on_.oid = oc.relnamespace
  LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
  WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
  OFFSET 0) o ON true
