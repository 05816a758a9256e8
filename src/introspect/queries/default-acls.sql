SELECT d.oid, pg_get_userbyid(d.defaclrole) AS role, n.nspname AS schema, d.defaclobjtype AS object_type,
       (SELECT json_agg(json_build_array(a.grantee, a.privilege_type, a.is_grantable, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END) ORDER BY a.grantee, a.privilege_type)
          FROM aclexplode(d.defaclacl) a) AS acl,
       d.defaclrole AS role_oid
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
ORDER BY 2, 3, 4
