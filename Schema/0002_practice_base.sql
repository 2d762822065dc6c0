-- TalentZone 0002: the graduate practice base.
-- Partner universities are organisations of kind university (0001). Programmes, cohorts with a
-- practice window, trainees (a state machine the database enforces), host positions, the two
-- sides of the matching (preferences and rankings), placements (capacity enforced here), stage
-- reports, final assessments, cooperation projects with their partners, trainees and mentors,
-- technical problems and project awards. Changes are audited in audit_log (0001).

-- A referenced organisation must be of the expected kind(s).
-- TG_ARGV[0]: the column holding the organisation id; TG_ARGV[1]: allowed kinds, comma-separated.
CREATE FUNCTION practice_require_organisation_kind() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    org_id   bigint := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
    org_kind text;
BEGIN
    SELECT kind INTO org_kind FROM organisations WHERE id = org_id;
    -- A missing organisation is left to the foreign key.
    IF org_kind IS NOT NULL AND NOT (org_kind = ANY (string_to_array(TG_ARGV[1], ','))) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = TG_NAME,
            MESSAGE = format('organisation %s is of kind %s, expected %s', org_id, org_kind,
                             replace(TG_ARGV[1], ',', ' or '));
    END IF;
    RETURN NEW;
END $$;

-- Degree programmes (fields) of partner universities, e.g. 大数据工程, 自动化.
CREATE TABLE degree_programmes (
    id             bigserial PRIMARY KEY,
    university_id  bigint NOT NULL REFERENCES organisations (id),
    field          text NOT NULL CHECK (length(btrim(field)) > 0),
    field_en       text CHECK (field_en IS NULL OR length(btrim(field_en)) > 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT degree_programmes_field_unique UNIQUE (university_id, field),
    -- Target of the trainees (programme, university) foreign key.
    CONSTRAINT degree_programmes_id_university UNIQUE (id, university_id)
);
CREATE TRIGGER degree_programmes_university_kind BEFORE INSERT OR UPDATE OF university_id ON degree_programmes
    FOR EACH ROW EXECUTE FUNCTION practice_require_organisation_kind('university_id', 'university');

-- Cohorts are named by intake year (2021级) and have one practice window.
CREATE TABLE cohorts (
    id              bigserial PRIMARY KEY,
    intake_year     integer NOT NULL CHECK (intake_year BETWEEN 2000 AND 2100),
    name            text NOT NULL CHECK (length(btrim(name)) > 0),
    practice_start  date NOT NULL,
    practice_end    date NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cohorts_intake_year_unique UNIQUE (intake_year),
    CONSTRAINT cohorts_name_unique UNIQUE (name),
    CONSTRAINT cohorts_window_order CHECK (practice_end > practice_start)
);

CREATE TABLE trainees (
    id                    bigserial PRIMARY KEY,
    cohort_id             bigint NOT NULL REFERENCES cohorts (id),
    university_id         bigint NOT NULL REFERENCES organisations (id),
    programme_id          bigint NOT NULL,
    student_number        text NOT NULL CHECK (student_number ~ '^[0-9A-Za-z][0-9A-Za-z-]{2,31}$'),
    name                  text NOT NULL CHECK (length(btrim(name)) > 0),
    -- The resident identity number, or NATIONALITY:PASSPORT (as talents.identity_key).
    identity_key          text NOT NULL CHECK (identity_key ~ '^[0-9]{17}[0-9X]$'
                                               OR identity_key ~ '^[A-Z]{2,3}:[A-Z0-9]{5,20}$'),
    mobile                text CHECK (mobile ~ '^1[3-9][0-9]{9}$'),
    direct_from_bachelor  boolean NOT NULL,
    campus_supervisor     text NOT NULL CHECK (length(btrim(campus_supervisor)) > 0),
    status                text NOT NULL DEFAULT 'enrolled'
                          CHECK (status IN ('enrolled', 'placed', 'in-practice', 'completed', 'withdrawn')),
    withdrawn_on          date,
    withdrawal_reason     text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT trainees_student_number_unique UNIQUE (university_id, student_number),
    CONSTRAINT trainees_identity_per_cohort UNIQUE (cohort_id, identity_key),
    -- Targets of the same-cohort foreign keys below.
    CONSTRAINT trainees_id_cohort UNIQUE (id, cohort_id),
    -- The programme belongs to the trainee's university.
    CONSTRAINT trainees_programme_of_university FOREIGN KEY (programme_id, university_id)
        REFERENCES degree_programmes (id, university_id),
    CONSTRAINT trainees_withdrawal_recorded CHECK (
        (status = 'withdrawn') = (withdrawn_on IS NOT NULL)
        AND (status <> 'withdrawn' OR length(btrim(coalesce(withdrawal_reason, ''))) > 0))
);
CREATE INDEX trainees_cohort ON trainees (cohort_id);
CREATE INDEX trainees_name_pinyin ON trainees (name COLLATE "zh-x-icu");
CREATE TRIGGER trainees_university_kind BEFORE INSERT OR UPDATE OF university_id ON trainees
    FOR EACH ROW EXECUTE FUNCTION practice_require_organisation_kind('university_id', 'university');

CREATE TABLE host_positions (
    id             bigserial PRIMARY KEY,
    cohort_id      bigint NOT NULL REFERENCES cohorts (id),
    enterprise_id  bigint NOT NULL REFERENCES organisations (id),
    -- The position's key in CSV files and matching instances, e.g. P001.
    code           text NOT NULL CHECK (code ~ '^[0-9A-Za-z][0-9A-Za-z_.-]{0,31}$'),
    title          text NOT NULL CHECK (length(btrim(title)) > 0),
    capacity       integer NOT NULL CHECK (capacity >= 0),
    topic          text,
    skills         text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT host_positions_code_unique UNIQUE (cohort_id, code),
    CONSTRAINT host_positions_id_cohort UNIQUE (id, cohort_id)
);
CREATE INDEX host_positions_enterprise ON host_positions (enterprise_id);
CREATE TRIGGER host_positions_enterprise_kind BEFORE INSERT OR UPDATE OF enterprise_id ON host_positions
    FOR EACH ROW EXECUTE FUNCTION practice_require_organisation_kind('enterprise_id', 'enterprise');

-- A trainee ranks positions of its own cohort: 1 = most preferred; no ties.
CREATE TABLE position_preferences (
    cohort_id    bigint NOT NULL,
    trainee_id   bigint NOT NULL,
    position_id  bigint NOT NULL,
    rank         integer NOT NULL CHECK (rank >= 1),
    PRIMARY KEY (trainee_id, position_id),
    CONSTRAINT position_preferences_rank_unique UNIQUE (trainee_id, rank),
    FOREIGN KEY (trainee_id, cohort_id) REFERENCES trainees (id, cohort_id),
    FOREIGN KEY (position_id, cohort_id) REFERENCES host_positions (id, cohort_id)
);
CREATE INDEX position_preferences_cohort ON position_preferences (cohort_id);

-- A position ranks trainees of its cohort: 1 = most preferred; no ties.
CREATE TABLE position_rankings (
    cohort_id    bigint NOT NULL,
    position_id  bigint NOT NULL,
    trainee_id   bigint NOT NULL,
    rank         integer NOT NULL CHECK (rank >= 1),
    PRIMARY KEY (position_id, trainee_id),
    CONSTRAINT position_rankings_rank_unique UNIQUE (position_id, rank),
    FOREIGN KEY (trainee_id, cohort_id) REFERENCES trainees (id, cohort_id),
    FOREIGN KEY (position_id, cohort_id) REFERENCES host_positions (id, cohort_id)
);
CREATE INDEX position_rankings_cohort ON position_rankings (cohort_id);

-- One committed matching per cohort: committing twice violates the primary key.
CREATE TABLE cohort_matchings (
    cohort_id        bigint PRIMARY KEY REFERENCES cohorts (id),
    -- The instance as matched (the JSON format of `practice match --instance`) and its SHA-256.
    instance         jsonb NOT NULL,
    instance_sha256  text NOT NULL CHECK (instance_sha256 ~ '^[0-9a-f]{64}$'),
    trainees_placed  integer NOT NULL CHECK (trainees_placed >= 0),
    actor            text NOT NULL CHECK (length(btrim(actor)) > 0),
    committed_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE placements (
    id            bigserial PRIMARY KEY,
    cohort_id     bigint NOT NULL,
    trainee_id    bigint NOT NULL,
    position_id   bigint NOT NULL,
    -- The enterprise mentor: a registered talent employed by the host enterprise (checked below).
    mentor_id     bigint REFERENCES talents (id),
    -- The planned window, from the cohort.
    start_on      date NOT NULL,
    end_on        date NOT NULL,
    -- What happened.
    started_on    date,
    completed_on  date,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT placements_one_per_trainee UNIQUE (trainee_id),
    FOREIGN KEY (trainee_id, cohort_id) REFERENCES trainees (id, cohort_id),
    FOREIGN KEY (position_id, cohort_id) REFERENCES host_positions (id, cohort_id),
    CONSTRAINT placements_window_order CHECK (end_on > start_on),
    CONSTRAINT placements_completed_after_start CHECK (
        completed_on IS NULL OR (started_on IS NOT NULL AND completed_on >= started_on))
);
CREATE INDEX placements_position ON placements (position_id);
CREATE INDEX placements_mentor ON placements (mentor_id);

-- A position never holds more placements than its capacity. The position row is locked so two
-- concurrent transactions cannot both take its last seat.
CREATE FUNCTION placements_check_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    seats  integer;
    taken  integer;
BEGIN
    SELECT capacity INTO seats FROM host_positions WHERE id = NEW.position_id FOR UPDATE;
    SELECT count(*) INTO taken FROM placements WHERE position_id = NEW.position_id AND id <> NEW.id;
    IF seats IS NOT NULL AND taken >= seats THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'placements_capacity',
            MESSAGE = format('host position %s is full (capacity %s)', NEW.position_id, seats);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER placements_capacity BEFORE INSERT OR UPDATE OF position_id ON placements
    FOR EACH ROW EXECUTE FUNCTION placements_check_capacity();

CREATE FUNCTION host_positions_check_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    taken integer;
BEGIN
    SELECT count(*) INTO taken FROM placements WHERE position_id = NEW.id;
    IF taken > NEW.capacity THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'placements_capacity',
            MESSAGE = format('host position %s already holds %s placements; capacity %s is too small',
                             NEW.id, taken, NEW.capacity);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER host_positions_capacity BEFORE UPDATE OF capacity ON host_positions
    FOR EACH ROW EXECUTE FUNCTION host_positions_check_capacity();

-- The mentor works for the host enterprise when assigned.
CREATE FUNCTION placements_check_mentor() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    host_id      bigint;
    employer_id  bigint;
BEGIN
    IF NEW.mentor_id IS NULL THEN RETURN NEW; END IF;
    SELECT enterprise_id INTO host_id FROM host_positions WHERE id = NEW.position_id;
    SELECT t.employer_id INTO employer_id FROM talents t WHERE t.id = NEW.mentor_id;
    IF employer_id IS DISTINCT FROM host_id THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'placements_mentor_employer',
            MESSAGE = format('mentor talent %s is not employed by host enterprise %s', NEW.mentor_id, host_id);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER placements_mentor_employer BEFORE INSERT OR UPDATE OF mentor_id, position_id ON placements
    FOR EACH ROW EXECUTE FUNCTION placements_check_mentor();

CREATE TABLE stage_reports (
    id             bigserial PRIMARY KEY,
    placement_id   bigint NOT NULL REFERENCES placements (id),
    stage          text NOT NULL CHECK (stage IN ('mid-term', 'final')),
    -- 优秀 / 良好 / 合格 / 不合格
    mentor_grade   text NOT NULL CHECK (mentor_grade IN ('excellent', 'good', 'pass', 'fail')),
    submitted_on   date NOT NULL,
    summary        text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT stage_reports_stage_unique UNIQUE (placement_id, stage)
);

CREATE TABLE final_assessments (
    placement_id   bigint PRIMARY KEY REFERENCES placements (id),
    result         text NOT NULL CHECK (result IN ('pass', 'fail')),
    report_title   text NOT NULL CHECK (length(btrim(report_title)) > 0),
    assessed_on    date NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Legal trainee transitions, and what each state needs, even if a caller skips the services.
-- The duration rule is policy and lives in TalentRules (PracticeDuration).
CREATE FUNCTION trainees_check_transition() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    placement placements%ROWTYPE;
BEGIN
    IF NEW.status = OLD.status THEN
        NEW.updated_at := now();
        RETURN NEW;
    END IF;
    IF (OLD.status, NEW.status) NOT IN (
        ('enrolled', 'placed'), ('placed', 'in-practice'), ('in-practice', 'completed'),
        ('enrolled', 'withdrawn'), ('placed', 'withdrawn'), ('in-practice', 'withdrawn')) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'trainees_transition',
            MESSAGE = format('illegal trainee transition %s -> %s', OLD.status, NEW.status);
    END IF;
    SELECT * INTO placement FROM placements WHERE trainee_id = NEW.id;
    IF NEW.status = 'placed' AND placement.id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'trainees_transition',
            MESSAGE = format('trainee %s cannot be placed without a placement', NEW.id);
    END IF;
    IF NEW.status = 'in-practice' AND (placement.mentor_id IS NULL OR placement.started_on IS NULL) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'trainees_transition',
            MESSAGE = format('trainee %s cannot start practice without a mentor and a start date', NEW.id);
    END IF;
    IF NEW.status = 'completed' AND (
        placement.completed_on IS NULL
        OR (SELECT count(*) FROM stage_reports WHERE placement_id = placement.id) < 2
        OR NOT EXISTS (SELECT 1 FROM final_assessments
                       WHERE placement_id = placement.id AND result = 'pass')) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'trainees_transition',
            MESSAGE = format('trainee %s cannot complete without both stage reports, a passed final assessment and a completion date', NEW.id);
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER trainees_transition BEFORE UPDATE OF status ON trainees
    FOR EACH ROW EXECUTE FUNCTION trainees_check_transition();

-- 产学研合作项目: an enterprise with universities and/or institutes.
CREATE TABLE cooperation_projects (
    id             bigserial PRIMARY KEY,
    title          text NOT NULL CHECK (length(btrim(title)) > 0),
    enterprise_id  bigint NOT NULL REFERENCES organisations (id),
    start_year     integer NOT NULL CHECK (start_year BETWEEN 1990 AND 2100),
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cooperation_projects_title_unique UNIQUE (enterprise_id, title)
);
CREATE INDEX cooperation_projects_title_pinyin ON cooperation_projects (title COLLATE "zh-x-icu");
CREATE TRIGGER cooperation_projects_enterprise_kind BEFORE INSERT OR UPDATE OF enterprise_id ON cooperation_projects
    FOR EACH ROW EXECUTE FUNCTION practice_require_organisation_kind('enterprise_id', 'enterprise');

CREATE TABLE cooperation_project_partners (
    project_id       bigint NOT NULL REFERENCES cooperation_projects (id),
    organisation_id  bigint NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (project_id, organisation_id)
);
CREATE TRIGGER cooperation_project_partners_kind BEFORE INSERT OR UPDATE OF organisation_id ON cooperation_project_partners
    FOR EACH ROW EXECUTE FUNCTION practice_require_organisation_kind('organisation_id', 'university,institute');

CREATE TABLE cooperation_project_trainees (
    project_id  bigint NOT NULL REFERENCES cooperation_projects (id),
    trainee_id  bigint NOT NULL REFERENCES trainees (id),
    PRIMARY KEY (project_id, trainee_id)
);
CREATE INDEX cooperation_project_trainees_trainee ON cooperation_project_trainees (trainee_id);

CREATE TABLE cooperation_project_mentors (
    project_id  bigint NOT NULL REFERENCES cooperation_projects (id),
    talent_id   bigint NOT NULL REFERENCES talents (id),
    PRIMARY KEY (project_id, talent_id)
);

CREATE TABLE technical_problems (
    id                    bigserial PRIMARY KEY,
    enterprise_id         bigint NOT NULL REFERENCES organisations (id),
    title                 text NOT NULL CHECK (length(btrim(title)) > 0),
    posed_on              date NOT NULL,
    solved_on             date,
    solved_by_project_id  bigint REFERENCES cooperation_projects (id),
    created_at            timestamptz NOT NULL DEFAULT now(),
    -- A problem counts as solved only with the project that solved it, and on a day.
    CONSTRAINT technical_problems_solved_by_project CHECK ((solved_on IS NULL) = (solved_by_project_id IS NULL)),
    CONSTRAINT technical_problems_solved_after_posed CHECK (solved_on IS NULL OR solved_on >= posed_on)
);
CREATE INDEX technical_problems_solved ON technical_problems (solved_on) WHERE solved_on IS NOT NULL;
CREATE TRIGGER technical_problems_enterprise_kind BEFORE INSERT OR UPDATE OF enterprise_id ON technical_problems
    FOR EACH ROW EXECUTE FUNCTION practice_require_organisation_kind('enterprise_id', 'enterprise');

CREATE TABLE project_awards (
    id          bigserial PRIMARY KEY,
    project_id  bigint NOT NULL REFERENCES cooperation_projects (id),
    level       text NOT NULL CHECK (level IN ('national', 'provincial-ministerial', 'city')),
    year        integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    name        text NOT NULL CHECK (length(btrim(name)) > 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT project_awards_unique UNIQUE (project_id, name, year)
);
CREATE INDEX project_awards_project ON project_awards (project_id);
