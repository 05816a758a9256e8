CREATE TABLE orders (id int, status varchar(20) CHECK (status IN ('pending', 'shipped'))); CREATE DOMAIN st AS varchar(10) CHECK (VALUE IN ('a', 'b'));
