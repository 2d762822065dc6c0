-- The application connects as a role that owns nothing (Docs/operations.md, "Database roles").
-- ANALYZE needs the table's owner, so the round's fresh statistics are taken through this function,
-- which runs as its owner (the migrating role) and can do nothing else. Who may call it is granted by
-- talentctl after every migration, with the rest of the application's privileges.
CREATE FUNCTION analyze_housing_round_facts() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    ANALYZE housing_round_units, housing_round_applications;
END $$;
REVOKE ALL ON FUNCTION analyze_housing_round_facts() FROM PUBLIC;
