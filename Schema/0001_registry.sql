-- TalentZone 0001: the talent registry.
-- Organisations, talents (with history), import batches, certifications (a state machine the
-- database enforces too) and the append-only audit log.

CREATE TABLE organisations (
    id              bigserial PRIMARY KEY,
    credit_code     text NOT NULL UNIQUE
                    CHECK (credit_code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'),
    checksum_valid  boolean NOT NULL,
    override_reason text,
    name            text NOT NULL CHECK (length(btrim(name)) > 0),
    kind            text NOT NULL CHECK (kind IN ('enterprise', 'university', 'institute')),
    industry_chain  text CHECK (industry_chain IN
                    ('aero-engine', 'micro-motor', 'microelectronics', 'software-big-data', 'other')),
    in_zone         boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- A code that fails the GB 32100 check is only stored with a recorded reason.
    CONSTRAINT organisations_invalid_code_needs_reason
        CHECK (checksum_valid OR length(btrim(coalesce(override_reason, ''))) > 0)
);
CREATE INDEX organisations_name_pinyin ON organisations (name COLLATE "zh-x-icu");

CREATE TABLE import_batches (
    id            bigserial PRIMARY KEY,
    kind          text NOT NULL,
    file_name     text NOT NULL,
    file_sha256   text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    encoding      text NOT NULL,
    rows_total    integer NOT NULL CHECK (rows_total >= 0),
    rows_added    integer NOT NULL CHECK (rows_added >= 0),
    rows_skipped  integer NOT NULL CHECK (rows_skipped >= 0),
    actor         text NOT NULL,
    imported_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE talents (
    id               bigserial PRIMARY KEY,
    name             text NOT NULL CHECK (length(btrim(name)) > 0),
    id_number        text CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
    passport         text CHECK (passport ~ '^[A-Z0-9]{5,20}$'),
    nationality      text CHECK (nationality ~ '^[A-Z]{2,3}$'),
    -- One talent per identity: the resident identity number, or nationality:passport.
    identity_key     text GENERATED ALWAYS AS (coalesce(id_number, nationality || ':' || passport)) STORED
                     CONSTRAINT talents_identity_unique UNIQUE,
    birth_date       date,
    sex              text CHECK (sex IN ('male', 'female')),
    mobile           text CHECK (mobile ~ '^1[3-9][0-9]{9}$'),
    email            text CHECK (email LIKE '%_@_%'),
    degree           text CHECK (degree IN ('none', 'associate', 'bachelor', 'master', 'doctorate')),
    university       text,
    major            text,
    title            text NOT NULL DEFAULT 'none' CHECK (title IN
                     ('none', 'junior', 'intermediate', 'associate-senior', 'full-senior')),
    skill_level      text NOT NULL DEFAULT 'none' CHECK (skill_level IN
                     ('none', 'junior-worker', 'intermediate-worker', 'senior-worker', 'technician', 'senior-technician')),
    employer_id      bigint REFERENCES organisations (id),
    contract_start   date,
    contract_end     date,
    insurance_since  date CHECK (insurance_since = date_trunc('month', insurance_since)::date),
    owns_housing     boolean NOT NULL DEFAULT false,
    import_batch_id  bigint REFERENCES import_batches (id),
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT talents_one_identity CHECK (
        (id_number IS NOT NULL AND passport IS NULL AND nationality IS NULL)
        OR (id_number IS NULL AND passport IS NOT NULL AND nationality IS NOT NULL)),
    CONSTRAINT talents_contract_order CHECK (contract_end IS NULL OR contract_start IS NULL OR contract_end >= contract_start)
);
CREATE INDEX talents_employer ON talents (employer_id);
CREATE INDEX talents_name_pinyin ON talents (name COLLATE "zh-x-icu");

-- Updates keep history: every update stores the previous row, and bumps the version.
CREATE TABLE talent_history (
    talent_id   bigint NOT NULL REFERENCES talents (id),
    version     integer NOT NULL,
    data        jsonb NOT NULL,
    replaced_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (talent_id, version)
);

CREATE FUNCTION talents_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO talent_history (talent_id, version, data) VALUES (OLD.id, OLD.version, to_jsonb(OLD));
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER talents_history BEFORE UPDATE ON talents
    FOR EACH ROW EXECUTE FUNCTION talents_keep_history();

-- The talent classes of the Guiyang talent-town scheme; definitions are data.
CREATE TABLE talent_classes (
    class_no  integer PRIMARY KEY CHECK (class_no BETWEEN 1 AND 9),
    name_zh   text NOT NULL,
    name_en   text NOT NULL,
    criteria  text NOT NULL
);
INSERT INTO talent_classes (class_no, name_zh, name_en, criteria) VALUES
 (1, '第一类人才', 'Class 1: academicians', '中国科学院院士、中国工程院院士 (CAS/CAE academicians)'),
 (2, '第二类人才', 'Class 2: national talent programmes', '长江学者、国家“千人计划”“万人计划”入选者 (Changjiang scholars; national Thousand/Ten-Thousand Talents plans)'),
 (3, '第三类人才', 'Class 3: renowned experts from abroad', '海外及境外知名专家 (well-known experts from abroad or outside the mainland)'),
 (4, '第四类人才', 'Class 4: doctorate / full senior title', '博士、正高级职称、全国技术能手 (PhD, full senior title 正高, national technical expert)'),
 (5, '第五类人才', 'Class 5: master / associate senior title', '硕士、副高级职称、高级技师 (master''s, associate senior title 副高, senior technician)'),
 (6, '第六类人才', 'Class 6: scarce special skills', '急需紧缺特殊技能人才 (scarce special-skill talent)');

CREATE TABLE certifications (
    id               bigserial PRIMARY KEY,
    talent_id        bigint NOT NULL REFERENCES talents (id),
    status           text NOT NULL CHECK (status IN ('applied', 'recommended', 'under-review',
                     'public-notice', 'certified', 'rejected', 'expired', 'revoked')),
    requested_class  integer REFERENCES talent_classes (class_no),
    talent_class     integer REFERENCES talent_classes (class_no),
    applied_on       date NOT NULL,
    notice_start     date,
    notice_end       date,
    valid_from       date,
    valid_until      date,
    decision_reason  text,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT certifications_certified_has_class CHECK (
        status NOT IN ('certified', 'expired', 'revoked')
        OR (talent_class IS NOT NULL AND valid_from IS NOT NULL AND valid_until > valid_from)),
    CONSTRAINT certifications_notice_period CHECK (
        status <> 'public-notice' OR (notice_start IS NOT NULL AND notice_end >= notice_start)),
    CONSTRAINT certifications_reason_given CHECK (
        status NOT IN ('rejected', 'revoked') OR length(btrim(coalesce(decision_reason, ''))) > 0)
);
-- At most one certification in progress and one in force per talent.
CREATE UNIQUE INDEX certifications_one_open ON certifications (talent_id)
    WHERE status IN ('applied', 'recommended', 'under-review', 'public-notice');
CREATE UNIQUE INDEX certifications_one_in_force ON certifications (talent_id) WHERE status = 'certified';

-- The database refuses illegal transitions even if a caller skips the Swift state machine.
CREATE FUNCTION certifications_check_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.status, NEW.status) NOT IN (
        ('applied', 'recommended'), ('recommended', 'under-review'), ('under-review', 'public-notice'),
        ('public-notice', 'certified'), ('applied', 'rejected'), ('recommended', 'rejected'),
        ('under-review', 'rejected'), ('public-notice', 'rejected'), ('certified', 'revoked'),
        ('certified', 'expired'), ('certified', 'certified'), ('expired', 'certified')) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'certifications_transition',
            MESSAGE = format('illegal certification transition %s -> %s', OLD.status, NEW.status);
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER certifications_transition BEFORE UPDATE OF status ON certifications
    FOR EACH ROW EXECUTE FUNCTION certifications_check_transition();

CREATE TABLE certification_events (
    id                bigserial PRIMARY KEY,
    certification_id  bigint NOT NULL REFERENCES certifications (id),
    event             text NOT NULL,
    from_status       text,
    to_status         text NOT NULL,
    on_date           date NOT NULL,
    actor             text NOT NULL,
    reason            text,
    at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX certification_events_cert ON certification_events (certification_id);

-- Every change is recorded here, in the same transaction as the change. Append-only.
CREATE TABLE audit_log (
    id           bigserial PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text NOT NULL CHECK (length(btrim(actor)) > 0),
    action       text NOT NULL,
    entity_type  text NOT NULL,
    entity_id    text NOT NULL,
    before       jsonb,
    after        jsonb,
    reason       text
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'audit_log is append-only: ' || TG_OP || ' is not allowed';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
