CREATE TYPE money_amount AS (amount numeric(20,6), currency text, note text);
