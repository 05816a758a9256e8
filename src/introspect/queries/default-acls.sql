SELECT d.oid, pg_get_userbyid(d.defaclrole) AS role, n.nspname AS schema, d.defaclobjtype AS object_type,
       d.defaclrole AS role_oid
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
ORDER BY 2, 3, 4
