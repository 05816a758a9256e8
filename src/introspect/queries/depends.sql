-- Dependencies between user objects. Rules are resolved to their view, column
-- defaults to their column, domain constraints to their domain, array types to
-- their element type and row types to their relation, so that edges name
-- catalog objects fas models.
WITH d AS (
  SELECT CASE WHEN d.classid = 'pg_rewrite'::regclass THEN 'pg_class'
              WHEN d.classid = 'pg_attrdef'::regclass THEN 'pg_class'
              WHEN dc.contypid <> 0 THEN 'pg_type'
              ELSE d.classid::regclass::text END AS class,
         CASE WHEN d.classid = 'pg_rewrite'::regclass THEN rw.ev_class
              WHEN d.classid = 'pg_attrdef'::regclass THEN ad.adrelid
              WHEN dc.contypid <> 0 THEN dc.contypid
              ELSE d.objid END AS objid,
         CASE WHEN d.classid = 'pg_attrdef'::regclass THEN ad.adnum ELSE d.objsubid END AS objsubid,
         CASE WHEN d.refclassid = 'pg_rewrite'::regclass THEN 'pg_class' ELSE d.refclassid::regclass::text END AS refclass,
         CASE WHEN d.refclassid = 'pg_type'::regclass AND rt.typelem <> 0 AND rt.typlen = -1 THEN rt.typelem ELSE d.refobjid END AS refobjid,
         d.refobjsubid
  FROM pg_depend d
  LEFT JOIN pg_rewrite rw ON d.classid = 'pg_rewrite'::regclass AND rw.oid = d.objid
  LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
  LEFT JOIN pg_constraint dc ON d.classid = 'pg_constraint'::regclass AND dc.oid = d.objid
  LEFT JOIN pg_type rt ON d.refclassid = 'pg_type'::regclass AND rt.oid = d.refobjid
  WHERE d.deptype = 'n' AND d.objid >= 16384 AND d.refobjid >= 16384
)
SELECT d.class, d.objid, d.objsubid,
       CASE WHEN d.refclass = 'pg_type' AND et.typrelid <> 0 THEN 'pg_class' ELSE d.refclass END AS refclass,
       CASE WHEN d.refclass = 'pg_type' AND et.typrelid <> 0 THEN et.typrelid ELSE d.refobjid END AS refobjid,
       d.refobjsubid
FROM d
LEFT JOIN pg_type et ON d.refclass = 'pg_type' AND et.oid = d.refobjid
WHERE d.refobjid >= 16384
