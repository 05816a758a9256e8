CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p int, n int);
INSERT INTO p SELECT g FROM generate_series(1, 10) g;
INSERT INTO c SELECT g, g % 10 + 1, g FROM generate_series(1, 100) g;
