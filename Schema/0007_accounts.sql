-- Accounts, their roles and their sessions (Docs/access.md). The services decide who may do what from
-- these rows; the database keeps them consistent: a role's scope names the record its role needs, a
-- password is a bcrypt hash of cost 12 or more, a session token is stored only as its SHA-256.

CREATE TABLE accounts (
    id                  bigserial PRIMARY KEY,
    -- Lower-case ASCII, no colon: the audit log's `cli:NAME` actors can never be mistaken for a login.
    login               text NOT NULL CHECK (login ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    display_name        text CHECK (display_name IS NULL OR length(btrim(display_name)) > 0),
    password_hash       text NOT NULL CHECK (password_hash ~ '^\$2[aby]\$(1[2-9]|2[0-9]|3[01])\$[./A-Za-z0-9]{53}$'),
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    reveal_pii          boolean NOT NULL DEFAULT false,
    require_otp         boolean NOT NULL DEFAULT false,
    -- RFC 4648 base32 of the TOTP secret, set by `user otp enable`.
    otp_secret          text CHECK (otp_secret IS NULL OR otp_secret ~ '^[A-Z2-7]{16,128}$'),
    -- The last time step a code was accepted for: a code is never accepted twice.
    otp_last_step       bigint,
    failed_logins       integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until        timestamptz,
    disabled_at         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accounts_otp_needs_secret CHECK (NOT require_otp OR otp_secret IS NOT NULL)
);
CREATE UNIQUE INDEX accounts_login_unique ON accounts (login);

CREATE TABLE account_roles (
    account_id      bigint NOT NULL REFERENCES accounts (id),
    role            text NOT NULL CHECK (role IN ('office-admin', 'office-reviewer', 'housing-officer', 'employer',
                                                  'university', 'talent', 'auditor')),
    organisation_id bigint REFERENCES organisations (id),
    talent_id       bigint REFERENCES talents (id),
    granted_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT account_roles_scope CHECK (
        (role IN ('employer', 'university') AND organisation_id IS NOT NULL AND talent_id IS NULL)
        OR (role = 'talent' AND talent_id IS NOT NULL AND organisation_id IS NULL)
        OR (role IN ('office-admin', 'office-reviewer', 'housing-officer', 'auditor')
            AND organisation_id IS NULL AND talent_id IS NULL))
);
CREATE UNIQUE INDEX account_roles_unique ON account_roles (account_id, role, coalesce(organisation_id, 0), coalesce(talent_id, 0));

-- A university grant names an organisation of kind university.
CREATE FUNCTION account_roles_university_kind() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.role = 'university' AND NOT EXISTS (
        SELECT 1 FROM organisations WHERE id = NEW.organisation_id AND kind = 'university') THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'account_roles_university_kind',
            MESSAGE = 'a university role must name an organisation of kind university';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER account_roles_university_kind BEFORE INSERT OR UPDATE ON account_roles
    FOR EACH ROW EXECUTE FUNCTION account_roles_university_kind();

CREATE TABLE account_sessions (
    id           bigserial PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts (id),
    -- Hex SHA-256 of the token; the token itself is shown once, to the client, and never stored.
    token_sha256 text NOT NULL CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    CONSTRAINT account_sessions_expiry CHECK (expires_at > created_at)
);
CREATE UNIQUE INDEX account_sessions_token ON account_sessions (token_sha256);
CREATE INDEX account_sessions_account ON account_sessions (account_id);
