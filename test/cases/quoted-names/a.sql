CREATE TABLE "Odd Table" ("select" int);
