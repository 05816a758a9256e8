-- Dependencies between user objects. Rules are resolved to their view, column
-- defaults to their column, domain constraints to their domain, array types to
-- their element type and row types to their relation, so that edges name
-- catalog objects fas models.
-- Each lookup is a scalar subquery under the CASE branch that needs it: it runs
-- only for the edges of that kind, one index probe each, whatever the row
-- estimates (joins probed every catalog for every edge). Domain constraints are
-- found by an uncorrelated IN, hashed once. The catalogs most edges name are
-- spelled out (the text of their regclass). d is computed once per edge, and r
-- (OFFSET 0: not flattened) once per kept edge, so no lookup is repeated.
WITH d AS MATERIALIZED (
  SELECT d.classid, d.objid, d.objsubid, d.refclassid, d.refobjsubid,
         CASE d.classid WHEN 'pg_rewrite'::regclass THEN (SELECT rw.ev_class FROM pg_rewrite rw WHERE rw.oid = d.objid)
                        WHEN 'pg_attrdef'::regclass THEN (SELECT ad.adrelid FROM pg_attrdef ad WHERE ad.oid = d.objid)
                        WHEN 'pg_constraint'::regclass THEN
                          CASE WHEN d.objid IN (SELECT dc.oid FROM pg_constraint dc WHERE dc.contypid <> 0)
                               THEN (SELECT dc.contypid FROM pg_constraint dc WHERE dc.oid = d.objid) END END AS owner,
         CASE WHEN d.classid = 'pg_attrdef'::regclass THEN (SELECT ad.adnum FROM pg_attrdef ad WHERE ad.oid = d.objid) END AS adnum,
         CASE WHEN d.refclassid = 'pg_type'::regclass
              THEN COALESCE((SELECT CASE WHEN rt.typelem <> 0 AND rt.typlen = -1 THEN rt.typelem ELSE rt.oid END FROM pg_type rt WHERE rt.oid = d.refobjid), d.refobjid)
              ELSE d.refobjid END AS refobjid
  FROM pg_depend d
  WHERE d.deptype = 'n' AND d.objid >= 16384 AND d.refobjid >= 16384
)
SELECT CASE WHEN r.classid IN ('pg_rewrite'::regclass, 'pg_attrdef'::regclass) THEN 'pg_class'
            WHEN r.classid = 'pg_constraint'::regclass AND r.owner IS NOT NULL THEN 'pg_type'
            WHEN r.classid = 'pg_class'::regclass THEN 'pg_class'
            WHEN r.classid = 'pg_constraint'::regclass THEN 'pg_constraint'
            WHEN r.classid = 'pg_type'::regclass THEN 'pg_type'
            ELSE r.classid::regclass::text END AS class,
       CASE WHEN r.classid IN ('pg_rewrite'::regclass, 'pg_attrdef'::regclass) OR (r.classid = 'pg_constraint'::regclass AND r.owner IS NOT NULL)
            THEN r.owner ELSE r.objid END AS objid,
       CASE WHEN r.classid = 'pg_attrdef'::regclass THEN r.adnum ELSE r.objsubid END AS objsubid,
       CASE WHEN r.relid IS NOT NULL THEN 'pg_class'
            WHEN r.refclassid IN ('pg_rewrite'::regclass, 'pg_class'::regclass) THEN 'pg_class'
            WHEN r.refclassid = 'pg_type'::regclass THEN 'pg_type'
            WHEN r.refclassid = 'pg_namespace'::regclass THEN 'pg_namespace'
            ELSE r.refclassid::regclass::text END AS refclass,
       COALESCE(r.relid, r.refobjid) AS refobjid,
       r.refobjsubid
FROM (SELECT d.*, CASE WHEN d.refclassid = 'pg_type'::regclass THEN (SELECT NULLIF(et.typrelid, 0) FROM pg_type et WHERE et.oid = d.refobjid) END AS relid
      FROM d
      WHERE d.refobjid >= 16384
      OFFSET 0) r
