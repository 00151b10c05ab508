-- screening-service tables. Platform tables (outbox_event, processed_event, idempotency_record, audit_record) come
-- from the V0_x migrations of platform/messaging and platform/web.

-- A screening campaign: one instrument scheduled for a cohort of one school, with an open/close window.
CREATE TABLE campaign (
    id              UUID        PRIMARY KEY,
    school          TEXT        NOT NULL,
    district        TEXT,
    instrument_code TEXT        NOT NULL,
    title           TEXT,
    all_staff       BOOLEAN     NOT NULL,
    opens_at        TIMESTAMPTZ NOT NULL,
    closes_at       TIMESTAMPTZ NOT NULL,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    CHECK (closes_at > opens_at)
);
-- Intake looks up the open campaigns of (school, instrument) for every submission.
CREATE INDEX campaign_open ON campaign (school, instrument_code, closes_at);
CREATE INDEX campaign_by_school ON campaign (school, created_at DESC, id DESC);

-- The listed cohort of a campaign that is not "all staff".
CREATE TABLE campaign_subject (
    campaign_id UUID NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    subject_id  TEXT NOT NULL,
    PRIMARY KEY (campaign_id, subject_id)
);

-- Staff of a school known to this service: there is no roster here yet (training-service will own it), so a staff
-- member becomes known through a screening about them. "All staff" campaigns count their cohort from this table.
CREATE TABLE known_staff (
    school        TEXT        NOT NULL,
    subject_id    TEXT        NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (school, subject_id)
);

-- A licence recorded by a district administrator for a LICENSED instrument.
CREATE TABLE instrument_licence (
    id              UUID        PRIMARY KEY,
    instrument_code TEXT        NOT NULL,
    district        TEXT        NOT NULL,
    licensee        TEXT        NOT NULL,
    reference       TEXT,
    valid_from      TIMESTAMPTZ NOT NULL,
    valid_until     TIMESTAMPTZ,
    recorded_by     TEXT        NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    CHECK (valid_until IS NULL OR valid_until > valid_from)
);
CREATE INDEX instrument_licence_lookup ON instrument_licence (instrument_code, district);

-- One submitted screening and its result. Confidential: answers and scores are read only by psychologists of the
-- school, each read audited. Rows never change once written (corrections are new screenings).
CREATE TABLE screening (
    id                    UUID         PRIMARY KEY,
    school                TEXT         NOT NULL,
    district              TEXT,
    subject_id            TEXT         NOT NULL,
    subject_type          TEXT         NOT NULL CHECK (subject_type IN ('STUDENT', 'STAFF')),
    instrument_code       TEXT         NOT NULL,
    instrument_version    INTEGER      NOT NULL,
    scoring_rules_version TEXT         NOT NULL,
    submitted_at          TIMESTAMPTZ  NOT NULL,
    submitted_by          TEXT         NOT NULL,
    submitted_by_role     TEXT         NOT NULL,
    campaign_id           UUID         REFERENCES campaign (id),
    answers               JSONB        NOT NULL,
    total_score           INTEGER      NOT NULL,
    mean_score            NUMERIC      NOT NULL,
    percentage_score      NUMERIC,
    banded_on             TEXT         NOT NULL,
    band_score            NUMERIC      NOT NULL,
    subscales             JSONB        NOT NULL,
    band                  TEXT         NOT NULL,
    risk_level            TEXT         NOT NULL CHECK (risk_level IN ('NONE', 'LOW', 'MODERATE', 'HIGH', 'CRITICAL')),
    flags                 JSONB        NOT NULL
);
-- Worklist (newest first, per school) and archive (per person) lookups.
CREATE INDEX screening_worklist ON screening (school, submitted_at DESC, id DESC);
CREATE INDEX screening_archive ON screening (school, subject_id, submitted_at DESC, id DESC);
CREATE INDEX screening_campaign ON screening (campaign_id, subject_id) WHERE campaign_id IS NOT NULL;

CREATE FUNCTION screening_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'screening rows are immutable';
END;
$$;
CREATE TRIGGER screening_no_update BEFORE UPDATE ON screening
    FOR EACH ROW EXECUTE FUNCTION screening_is_immutable();
