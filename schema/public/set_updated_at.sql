-- The one shared trigger function for updated_at columns. Triggers that use it
-- live next to their tables (schema/<schema>/updated_at_triggers.sql), as the
-- loader requires triggers to sit in their table's schema directory.
CREATE FUNCTION public.set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

COMMENT ON FUNCTION public.set_updated_at() IS 'BEFORE UPDATE row trigger function: sets NEW.updated_at to now() (transaction start time). Shared by every table with an updated_at column.';
