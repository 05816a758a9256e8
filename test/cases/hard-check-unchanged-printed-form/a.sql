-- A CHECK whose printed form is stored differently when run again, on a
-- table and a domain, kept as is while the table loses a column: neither is
-- re-made, so the database keeps its first form; only its comment changes.
CREATE TABLE "select" ("order" varchar(20) CHECK ("order" IN ('pending', 'shipped')), a integer);
COMMENT ON CONSTRAINT select_order_check ON "select" IS 'order states';
CREATE DOMAIN st AS varchar(10) CHECK (VALUE IN ('a', 'b'));
