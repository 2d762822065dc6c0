-- TalentZone 0003: versioned policies (Docs/rules.md §1, "Stored versions").
-- A policy is stored exactly as loaded: its text, the SHA-256 of its bytes and its version label.
-- The policy in force on a day is the one with the latest effective date on or before it (ties: the
-- one loaded last). Stored versions are never changed or removed; a correction is a new version.

CREATE TABLE policies (
    id         bigserial PRIMARY KEY,
    version    text NOT NULL UNIQUE CHECK (length(btrim(version)) > 0),
    effective  date NOT NULL,
    content    text NOT NULL CHECK (length(content) > 0),
    sha256     text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    loaded_by  text NOT NULL CHECK (length(btrim(loaded_by)) > 0),
    loaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX policies_in_force ON policies (effective DESC, id DESC);

CREATE FUNCTION policies_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'stored policies are immutable: ' || TG_OP || ' is not allowed; load a new version instead';
END $$;
CREATE TRIGGER policies_no_update BEFORE UPDATE OR DELETE ON policies
    FOR EACH ROW EXECUTE FUNCTION policies_refuse_change();
CREATE TRIGGER policies_no_truncate BEFORE TRUNCATE ON policies
    FOR EACH STATEMENT EXECUTE FUNCTION policies_refuse_change();
