-- TalentZone 0004: talent rental housing (Docs/housing.md).
-- Inventory (projects, buildings, units), applications, allocation rounds with their stored inputs
-- and outcome, offers, leases with their rent schedule, and bars after declined offers.
-- The database makes double allocation impossible: at most one pending offer per unit and per
-- application, no two leases of one unit overlapping in time (exclusion constraint), one current
-- lease per talent, one open application per talent.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Honours a talent holds (the classification vocabulary of the policy: academician, …).
CREATE TABLE talent_honours (
    talent_id  bigint NOT NULL REFERENCES talents (id),
    honour     text NOT NULL CHECK (honour ~ '^[a-z][a-z0-9_-]*$'),
    PRIMARY KEY (talent_id, honour)
);

CREATE TABLE housing_projects (
    id          bigserial PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]*$'),
    name        text NOT NULL CHECK (length(btrim(name)) > 0),
    address     text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE housing_buildings (
    id                    bigserial PRIMARY KEY,
    project_id            bigint NOT NULL REFERENCES housing_projects (id),
    code                  text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]*$'),
    name                  text NOT NULL CHECK (length(btrim(name)) > 0),
    -- The benchmark rent in fen per m² per month (RMB 32 is 3200).
    benchmark_fen_per_m2  integer NOT NULL CHECK (benchmark_fen_per_m2 > 0),
    created_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE housing_units (
    id               bigserial PRIMARY KEY,
    code             text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]*$'),
    building_id      bigint NOT NULL REFERENCES housing_buildings (id),
    floor            integer NOT NULL CHECK (floor BETWEEN -5 AND 200),
    category         text NOT NULL CHECK (category IN ('studio', '1BR', '2BR', '3BR')),
    -- Floor area in hundredths of a square metre (45.60 m² is 4560), so rent stays integer.
    area_hundredths  integer NOT NULL CHECK (area_hundredths BETWEEN 500 AND 100000),
    accessible       boolean NOT NULL DEFAULT false,
    status           text NOT NULL DEFAULT 'available'
                     CHECK (status IN ('available', 'offered', 'leased', 'maintenance')),
    import_batch_id  bigint REFERENCES import_batches (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX housing_units_building ON housing_units (building_id);
CREATE INDEX housing_units_status_category ON housing_units (status, category);

CREATE TABLE housing_applications (
    id               bigserial PRIMARY KEY,
    -- The application number the lottery key is computed from: HA-<year>-<5 digits>.
    number           text NOT NULL UNIQUE CHECK (number ~ '^HA-[0-9]{4}-[0-9]{5,}$'),
    talent_id        bigint NOT NULL REFERENCES talents (id),
    -- Submitted by the talent, or by the employer on their behalf (then the employer is recorded).
    submitted_by     text NOT NULL CHECK (submitted_by IN ('talent', 'employer')),
    employer_id      bigint REFERENCES organisations (id),
    household_size   integer NOT NULL CHECK (household_size BETWEEN 1 AND 12),
    -- [{"name": "…", "relation": "spouse|child|parent|other"}], the applicant not included.
    household        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(household) = 'array'),
    -- Unit categories, most wanted first, checked against the entitlement when applying.
    preferences      text[] NOT NULL CHECK (cardinality(preferences) BETWEEN 1 AND 4
                     AND preferences <@ ARRAY['studio', '1BR', '2BR', '3BR']),
    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'offered', 'housed', 'withdrawn')),
    applied_on       date NOT NULL,
    policy_version   text NOT NULL,
    withdrawn_on     date,
    withdraw_reason  text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT housing_applications_household_count CHECK (jsonb_array_length(household) = household_size - 1),
    CONSTRAINT housing_applications_employer_named CHECK (submitted_by = 'talent' OR employer_id IS NOT NULL),
    CONSTRAINT housing_applications_withdrawn CHECK (
        (status = 'withdrawn') = (withdrawn_on IS NOT NULL))
);
-- One open application per talent.
CREATE UNIQUE INDEX housing_applications_one_open ON housing_applications (talent_id)
    WHERE status IN ('open', 'offered');
CREATE SEQUENCE housing_application_numbers;

CREATE TABLE housing_rounds (
    id              bigserial PRIMARY KEY,
    code            text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]*$'),
    name            text NOT NULL CHECK (length(btrim(name)) > 0),
    -- The day eligibility, points and waiting time are evaluated on.
    as_of           date NOT NULL,
    policy_version  text NOT NULL,
    policy_sha256   text NOT NULL CHECK (policy_sha256 ~ '^[0-9a-f]{64}$'),
    status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'committed')),
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Set together on commit: the published seed, the mechanism's input (the export document
    -- without the outcome, canonical JSON) and its SHA-256.
    seed            text,
    input_json      text,
    input_sha256    text CHECK (input_sha256 ~ '^[0-9a-f]{64}$'),
    committed_by    text,
    committed_at    timestamptz,
    CONSTRAINT housing_rounds_committed_complete CHECK (
        (status = 'committed') = (seed IS NOT NULL AND input_json IS NOT NULL AND input_sha256 IS NOT NULL
                                  AND committed_by IS NOT NULL AND committed_at IS NOT NULL))
);

-- What a round draws from and who takes part (fixed when the round is created).
CREATE TABLE housing_round_units (
    round_id  bigint NOT NULL REFERENCES housing_rounds (id),
    unit_id   bigint NOT NULL REFERENCES housing_units (id),
    PRIMARY KEY (round_id, unit_id)
);
CREATE TABLE housing_round_applications (
    round_id        bigint NOT NULL REFERENCES housing_rounds (id),
    application_id  bigint NOT NULL REFERENCES housing_applications (id),
    PRIMARY KEY (round_id, application_id)
);

-- The committed outcome, one row per application of the round. Eligible applicants have a
-- position (1 = served first); the excluded have reasons instead.
CREATE TABLE housing_round_entries (
    round_id            bigint NOT NULL REFERENCES housing_rounds (id),
    application_id      bigint NOT NULL REFERENCES housing_applications (id),
    position            integer CHECK (position >= 1),
    priority_group      integer CHECK (priority_group >= 1),
    score               integer,
    score_breakdown     jsonb,
    lottery_key         text CHECK (lottery_key ~ '^[0-9a-f]{64}$'),
    -- The export categories the applicant could take, most wanted first.
    preferences         text[],
    -- The export category allocated (2BR, 2BR@reserved:g3), or NULL.
    allocated_category  text,
    quota_skip          text,
    excluded_reasons    text[],
    PRIMARY KEY (round_id, application_id),
    UNIQUE (round_id, position),
    CONSTRAINT housing_round_entries_kind CHECK (
        (position IS NOT NULL AND lottery_key IS NOT NULL AND priority_group IS NOT NULL AND score IS NOT NULL
         AND preferences IS NOT NULL AND excluded_reasons IS NULL)
        OR (position IS NULL AND allocated_category IS NULL AND quota_skip IS NULL
            AND cardinality(excluded_reasons) > 0))
);

-- Committed rounds cannot be changed, except by a superuser bypassing triggers (which `round verify` detects).
CREATE FUNCTION housing_round_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'a committed round''s outcome is immutable: ' || TG_OP || ' is not allowed';
END $$;
CREATE TRIGGER housing_round_entries_no_change BEFORE UPDATE OR DELETE ON housing_round_entries
    FOR EACH ROW EXECUTE FUNCTION housing_round_entries_refuse_change();

CREATE TABLE housing_offers (
    id              bigserial PRIMARY KEY,
    round_id        bigint NOT NULL REFERENCES housing_rounds (id),
    application_id  bigint NOT NULL REFERENCES housing_applications (id),
    talent_id       bigint NOT NULL REFERENCES talents (id),
    unit_id         bigint NOT NULL REFERENCES housing_units (id),
    -- The export category it was allocated under.
    category        text NOT NULL,
    -- 'round' for the draw itself, 'waitlist' for a unit passed on after a decline or expiry.
    source          text NOT NULL CHECK (source IN ('round', 'waitlist')),
    status          text NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
    offered_on      date NOT NULL,
    expires_on      date NOT NULL CHECK (expires_on >= offered_on),
    decided_on      date,
    decline_reason  text,
    policy_version  text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT housing_offers_decided CHECK ((status = 'pending') = (decided_on IS NULL)),
    CONSTRAINT housing_offers_decline_reason CHECK ((status = 'declined') = (decline_reason IS NOT NULL))
);
-- A unit is offered to one applicant at a time; an application holds one pending offer at a time.
CREATE UNIQUE INDEX housing_offers_one_pending_per_unit ON housing_offers (unit_id) WHERE status = 'pending';
CREATE UNIQUE INDEX housing_offers_one_pending_per_application ON housing_offers (application_id) WHERE status = 'pending';
-- A unit is accepted at most once per round.
CREATE UNIQUE INDEX housing_offers_one_accepted_per_unit_round ON housing_offers (round_id, unit_id) WHERE status = 'accepted';
CREATE INDEX housing_offers_talent ON housing_offers (talent_id);
CREATE INDEX housing_offers_pending_expiry ON housing_offers (expires_on) WHERE status = 'pending';

CREATE TABLE housing_leases (
    id                  bigserial PRIMARY KEY,
    -- L-<year>-<5 digits>.
    number              text NOT NULL UNIQUE CHECK (number ~ '^L-[0-9]{4}-[0-9]{5,}$'),
    talent_id           bigint NOT NULL REFERENCES talents (id),
    unit_id             bigint NOT NULL REFERENCES housing_units (id),
    offer_id            bigint REFERENCES housing_offers (id),
    application_id      bigint REFERENCES housing_applications (id),
    -- The lease this one renews (the same unit, starting the day after it ends).
    renewal_of          bigint REFERENCES housing_leases (id),
    start_date          date NOT NULL,
    end_date            date NOT NULL CHECK (end_date >= start_date),
    -- active: current or future; renewed: ran to its end and continues in the renewal;
    -- ended: ran to its end; terminated: ended early with a reason (move out by move_out_by).
    status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'renewed', 'ended', 'terminated')),
    terminated_on       date,
    termination_reason  text CHECK (termination_reason IN ('left-employer', 'bought-housing', 'sublet', 'exceeded-term',
                        'vacant-too-long', 'damage', 'breach', 'voluntary', 'no-longer-eligible')),
    move_out_by         date,
    vacated_on          date,
    policy_version      text NOT NULL,
    policy_sha256       text NOT NULL CHECK (policy_sha256 ~ '^[0-9a-f]{64}$'),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    -- The days the unit is taken: from the start to the move-out (when terminated), else to the end.
    occupancy           daterange GENERATED ALWAYS AS (
                        daterange(start_date, coalesce(vacated_on, move_out_by, end_date), '[]')) STORED,
    CONSTRAINT housing_leases_no_double_booking EXCLUDE USING gist (unit_id WITH =, occupancy WITH &&),
    CONSTRAINT housing_leases_terminated CHECK (
        (status = 'terminated') = (terminated_on IS NOT NULL AND termination_reason IS NOT NULL AND move_out_by IS NOT NULL)),
    CONSTRAINT housing_leases_vacated_after_start CHECK (vacated_on IS NULL OR vacated_on >= start_date)
);
-- One current lease per talent.
CREATE UNIQUE INDEX housing_leases_one_active_per_talent ON housing_leases (talent_id) WHERE status = 'active';
CREATE INDEX housing_leases_end ON housing_leases (end_date) WHERE status = 'active';
CREATE SEQUENCE housing_lease_numbers;

-- The monthly rent of each lease year a lease covers, from the policy, with its breakdown.
CREATE TABLE housing_lease_rents (
    lease_id         bigint NOT NULL REFERENCES housing_leases (id),
    -- The talent's year of talent housing (1-based, counting earlier leases), which sets the discount.
    lease_year       integer NOT NULL CHECK (lease_year >= 1),
    from_date        date NOT NULL,
    until_date       date NOT NULL CHECK (until_date >= from_date),
    full_fen         bigint NOT NULL CHECK (full_fen >= 0),
    percent_payable  integer NOT NULL CHECK (percent_payable BETWEEN 0 AND 100),
    monthly_fen      bigint NOT NULL CHECK (monthly_fen >= 0 AND monthly_fen <= full_fen),
    discounted       boolean NOT NULL,
    breakdown        text[] NOT NULL,
    PRIMARY KEY (lease_id, lease_year)
);

-- Bars after declined (or expired) offers, applied automatically per the offer policy.
CREATE TABLE housing_bars (
    id              bigserial PRIMARY KEY,
    talent_id       bigint NOT NULL REFERENCES talents (id),
    from_date       date NOT NULL,
    until_date      date NOT NULL CHECK (until_date >= from_date),
    reason          text NOT NULL CHECK (length(btrim(reason)) > 0),
    policy_version  text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX housing_bars_talent ON housing_bars (talent_id, until_date);
