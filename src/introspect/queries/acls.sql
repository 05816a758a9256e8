-- Every explicit ACL, exploded once for all object kinds: (catalog, oid, sub-id: a column's number) ->
-- [grantee oid, privilege, grantable, grantee name] in grantee, privilege order. A NULL ACL (the
-- built-in default) and an empty one have no row; the other queries say which objects have an ACL (default_acl).
SELECT x.catalog, x.oid, x.sub,
       json_agg(json_build_array(a.grantee, a.privilege_type, a.is_grantable, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END)
                ORDER BY a.grantee, a.privilege_type) AS acl
FROM (SELECT 'pg_namespace' AS catalog, oid, 0 AS sub, nspacl AS acl FROM pg_namespace WHERE nspacl IS NOT NULL
      UNION ALL SELECT 'pg_type', oid, 0, typacl FROM pg_type WHERE typacl IS NOT NULL
      UNION ALL SELECT 'pg_class', oid, 0, relacl FROM pg_class WHERE relacl IS NOT NULL
      UNION ALL SELECT 'pg_class', attrelid, attnum, attacl FROM pg_attribute WHERE attacl IS NOT NULL AND attnum > 0 AND NOT attisdropped
      UNION ALL SELECT 'pg_proc', oid, 0, proacl FROM pg_proc WHERE proacl IS NOT NULL
      UNION ALL SELECT 'pg_default_acl', oid, 0, defaclacl FROM pg_default_acl) x
CROSS JOIN LATERAL aclexplode(x.acl) a
GROUP BY x.catalog, x.oid, x.sub
