-- Sequence parameters, and the column that owns each (serial: 'a', identity: 'i').
SELECT s.seqrelid AS oid, format_type(s.seqtypid, NULL) AS data_type,
       s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
       s.seqcache::text AS cache, s.seqcycle AS cycle,
       d.deptype AS owner_deptype, on_.nspname AS owner_schema, oc.relname AS owner_table, oa.attname AS owner_column
FROM pg_sequence s
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
LEFT JOIN pg_class oc ON oc.oid = d.refobjid
LEFT JOIN pg_namespace on_ ON on_.oid = oc.relnamespace
LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
