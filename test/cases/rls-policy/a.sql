CREATE TABLE t (owner text); CREATE POLICY p ON t USING (owner = current_user);
