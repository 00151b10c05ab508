-- Issue 12: the directory projection (replaces known_staff), guardian consent, clinical review, the language shown.

-- Students as the directory (training-service, topic heartline.training) last described them. Kept after they leave
-- (active = false): guardian_consent_required_until is an age fact and stays true whatever the enrolment.
CREATE TABLE directory_student (
    district                        TEXT        NOT NULL,
    student_id                      TEXT        NOT NULL,
    school                          TEXT,
    class_id                        TEXT,
    grade                           TEXT,
    guardian_consent_required_until DATE,
    active                          BOOLEAN     NOT NULL,
    updated_at                      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (district, student_id)
);
CREATE INDEX directory_student_cohort ON directory_student (district, school, class_id) WHERE active;

-- Staff per school (a person may hold roles at several schools of a district); roles are the directory's codes.
CREATE TABLE directory_staff (
    district   TEXT        NOT NULL,
    school     TEXT        NOT NULL,
    person_id  TEXT        NOT NULL,
    roles      TEXT[]      NOT NULL DEFAULT '{}',
    active     BOOLEAN     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (district, school, person_id)
);

DROP TABLE known_staff;

-- A recorded consent to screening (PIPL art. 28/31). Withdrawal is a state change on the row, audited; never deleted.
CREATE TABLE consent (
    id              UUID        PRIMARY KEY,
    district        TEXT,
    school          TEXT        NOT NULL,
    subject_id      TEXT        NOT NULL,
    scope           TEXT        NOT NULL CHECK (scope IN ('CAMPAIGN', 'STANDING')),
    campaign_id     UUID        REFERENCES campaign (id),
    given_by        TEXT        NOT NULL CHECK (given_by IN ('GUARDIAN', 'SELF')),
    guardian_id     TEXT,
    method          TEXT        NOT NULL CHECK (method IN ('PAPER', 'ONLINE', 'VERBAL')),
    given_at        TIMESTAMPTZ NOT NULL,
    recorded_by     TEXT        NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    withdrawn_at    TIMESTAMPTZ,
    withdrawn_reason TEXT,
    withdrawn_by    TEXT,
    withdrawal_recorded_at TIMESTAMPTZ,
    CHECK ((scope = 'CAMPAIGN') = (campaign_id IS NOT NULL))
);
CREATE INDEX consent_subject ON consent (school, subject_id, recorded_at DESC, id DESC);
CREATE INDEX consent_campaign ON consent (campaign_id, recorded_at DESC, id DESC) WHERE campaign_id IS NOT NULL;

-- What the intake decided about consent, and the language of the form shown (new columns on an immutable row: set
-- at insert only).
ALTER TABLE screening ADD COLUMN consent_basis TEXT;
ALTER TABLE screening ADD COLUMN consent_id UUID;
ALTER TABLE screening ADD COLUMN language TEXT;

-- Clinical reviews: append-only history; the latest per screening is the reviewed level.
CREATE TABLE screening_review (
    id                UUID        PRIMARY KEY,
    screening_id      UUID        NOT NULL REFERENCES screening (id),
    district          TEXT,
    school            TEXT        NOT NULL,
    decision          TEXT        NOT NULL CHECK (decision IN ('CONFIRM', 'RAISE', 'LOWER')),
    computed_risk_level TEXT      NOT NULL,
    risk_level        TEXT        NOT NULL CHECK (risk_level IN ('NONE', 'LOW', 'MODERATE', 'HIGH', 'CRITICAL')),
    reason_code       TEXT        NOT NULL,
    note              TEXT,
    reviewed_by       TEXT        NOT NULL,
    reviewed_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX screening_review_latest ON screening_review (screening_id, reviewed_at DESC, id DESC);

-- Campaign cohorts from the directory (besides listed subjects and all staff).
ALTER TABLE campaign ADD COLUMN cohort TEXT;
ALTER TABLE campaign ADD COLUMN cohort_ref TEXT;
UPDATE campaign SET cohort = CASE WHEN all_staff THEN 'ALL_STAFF' ELSE 'SUBJECTS' END;
ALTER TABLE campaign ALTER COLUMN cohort SET NOT NULL;
