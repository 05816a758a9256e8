CREATE TABLE "Odd Table" ("select" int, "Mixed""Quote" text); CREATE VIEW "strange(view)" AS SELECT "select" FROM "Odd Table";
