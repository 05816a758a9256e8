CREATE TABLE "select" ("order" varchar(20) CHECK ("order" IN ('pending', 'shipped')));
COMMENT ON CONSTRAINT select_order_check ON "select" IS 'states of an order';
CREATE DOMAIN st AS varchar(10) CHECK (VALUE IN ('a', 'b'));
