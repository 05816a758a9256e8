-- Dependencies between user objects. Rules are resolved to their view, column
-- defaults to their column, so that edges name catalog objects fas models.
SELECT CASE WHEN d.classid = 'pg_rewrite'::regclass THEN 'pg_class'
            WHEN d.classid = 'pg_attrdef'::regclass THEN 'pg_class'
            ELSE d.classid::regclass::text END AS class,
       CASE WHEN d.classid = 'pg_rewrite'::regclass THEN rw.ev_class
            WHEN d.classid = 'pg_attrdef'::regclass THEN ad.adrelid
            ELSE d.objid END AS objid,
       CASE WHEN d.classid = 'pg_attrdef'::regclass THEN ad.adnum ELSE d.objsubid END AS objsubid,
       CASE WHEN d.refclassid = 'pg_rewrite'::regclass THEN 'pg_class' ELSE d.refclassid::regclass::text END AS refclass,
       d.refobjid, d.refobjsubid
FROM pg_depend d
LEFT JOIN pg_rewrite rw ON d.classid = 'pg_rewrite'::regclass AND rw.oid = d.objid
LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
WHERE d.deptype = 'n' AND d.objid >= 16384 AND d.refobjid >= 16384
