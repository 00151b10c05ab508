-- Training records (docs/training-records.md): programmes with their courses (sessions), weighted assessment,
-- results, certificates, hours credited per person and year, xAPI statements received, and per-district settings.
-- Every row carries the district: school ids and person ids are unique only within a district.

CREATE TABLE programme (
    id                          UUID        PRIMARY KEY,
    district                    TEXT        NOT NULL,
    school_id                   TEXT,                      -- NULL: a district-wide programme
    title                       TEXT        NOT NULL,
    template                    TEXT,
    pass_mark                   NUMERIC(4,1) NOT NULL,
    excellent_share             NUMERIC(4,3) NOT NULL,
    certificate_validity_months INTEGER,
    components                  JSONB       NOT NULL,      -- [{code, title, weight}]
    requirements                JSONB       NOT NULL,      -- [{code, title, sessionId}]
    marker_ids                  TEXT[]      NOT NULL DEFAULT '{}',
    state                       TEXT        NOT NULL CHECK (state IN ('OPEN', 'CLOSED')),
    created_by                  TEXT        NOT NULL,
    created_at                  TIMESTAMPTZ NOT NULL,
    closed_at                   TIMESTAMPTZ,
    closed_by                   TEXT
);
CREATE INDEX programme_scope ON programme (district, created_at DESC, id DESC);

-- The courses (sessions) of a programme: hours online or offline; attendance is taken per course.
CREATE TABLE programme_course (
    programme_id UUID         NOT NULL REFERENCES programme (id),
    course_id    TEXT         NOT NULL,
    position     INTEGER      NOT NULL,
    title        TEXT         NOT NULL,
    mode         TEXT         NOT NULL CHECK (mode IN ('ONLINE', 'OFFLINE')),
    hours        NUMERIC(6,1) NOT NULL CHECK (hours >= 0),
    PRIMARY KEY (programme_id, course_id)
);

CREATE TABLE enrolment (
    programme_id   UUID         NOT NULL REFERENCES programme (id),
    person_id      TEXT         NOT NULL,
    district       TEXT         NOT NULL,
    enrolled_at    TIMESTAMPTZ  NOT NULL,
    enrolled_by    TEXT         NOT NULL,
    weighted_total NUMERIC(6,3),
    result         TEXT CHECK (result IN ('PASS', 'FAIL', 'EXCELLENT')),
    PRIMARY KEY (programme_id, person_id)
);
CREATE INDEX enrolment_person ON enrolment (district, person_id);

CREATE TABLE assessment_score (
    programme_id UUID         NOT NULL,
    person_id    TEXT         NOT NULL,
    component    TEXT         NOT NULL,
    score        NUMERIC(4,1) NOT NULL CHECK (score >= 0 AND score <= 100),
    marked_by    TEXT         NOT NULL,
    marked_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (programme_id, person_id, component),
    FOREIGN KEY (programme_id, person_id) REFERENCES enrolment (programme_id, person_id)
);

CREATE TABLE requirement_status (
    programme_id UUID        NOT NULL,
    person_id    TEXT        NOT NULL,
    requirement  TEXT        NOT NULL,
    met          BOOLEAN     NOT NULL,
    recorded_by  TEXT        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (programme_id, person_id, requirement),
    FOREIGN KEY (programme_id, person_id) REFERENCES enrolment (programme_id, person_id)
);

CREATE TABLE attendance (
    programme_id UUID        NOT NULL,
    person_id    TEXT        NOT NULL,
    course_id    TEXT        NOT NULL,
    attended     BOOLEAN     NOT NULL,
    recorded_by  TEXT        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (programme_id, person_id, course_id),
    FOREIGN KEY (programme_id, person_id) REFERENCES enrolment (programme_id, person_id)
);

-- Certificates. code: the public verification code (unguessable). holder_initials: kept at issue so that the public
-- verification never reads the directory. Reminder columns make each reminder go out once (several instances).
CREATE TABLE certificate (
    id               UUID        PRIMARY KEY,
    district         TEXT        NOT NULL,
    person_id        TEXT        NOT NULL,
    school_id        TEXT,
    kind             TEXT        NOT NULL CHECK (kind IN ('COURSE_PASS', 'COURSE_EXCELLENT', 'QUALIFICATION_A',
                                                          'QUALIFICATION_B', 'QUALIFICATION_C', 'CRISIS_INTERVENTION')),
    title            TEXT        NOT NULL,
    code             TEXT        NOT NULL UNIQUE,
    holder_initials  TEXT        NOT NULL,
    programme_id     UUID REFERENCES programme (id),
    issued_at        TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ,
    issued_by        TEXT        NOT NULL,
    revoked_at       TIMESTAMPTZ,
    reminded_days    INTEGER,                 -- the smallest reminder threshold sent (90, 30, 7)
    expired_sent_at  TIMESTAMPTZ
);
CREATE INDEX certificate_person ON certificate (district, person_id, issued_at DESC);
CREATE INDEX certificate_due ON certificate (expires_at) WHERE expires_at IS NOT NULL AND expired_sent_at IS NULL
    AND revoked_at IS NULL;

-- Hours credited to a person for a year: closed courses (COURSE), LMS completions (XAPI), conferences and other
-- external training recorded by admins (CONFERENCE, EXTERNAL). source_ref makes each credit count once.
CREATE TABLE hours_credit (
    id          UUID         PRIMARY KEY,
    district    TEXT         NOT NULL,
    person_id   TEXT         NOT NULL,
    year        INTEGER      NOT NULL,
    kind        TEXT         NOT NULL CHECK (kind IN ('COURSE', 'XAPI', 'CONFERENCE', 'EXTERNAL')),
    hours       NUMERIC(7,2) NOT NULL CHECK (hours >= 0),
    event_level TEXT,                          -- conferences: PROVINCIAL, COUNTY, ...
    source_ref  TEXT         NOT NULL,
    title       TEXT,
    credited_at TIMESTAMPTZ  NOT NULL,
    UNIQUE (district, kind, source_ref, person_id)
);
CREATE INDEX hours_credit_person ON hours_credit (district, person_id, year);
CREATE INDEX hours_credit_year ON hours_credit (district, year, person_id);

-- xAPI statements received (deduplicated by statement id, per district).
CREATE TABLE xapi_statement (
    district     TEXT        NOT NULL,
    statement_id UUID        NOT NULL,
    person_id    TEXT        NOT NULL,
    verb         TEXT        NOT NULL,
    body_sha256  TEXT        NOT NULL,
    stored_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (district, statement_id)
);

-- Yearly hours required per school role, per district (defaults in configuration when no row).
CREATE TABLE hours_requirement (
    district   TEXT         NOT NULL,
    role       TEXT         NOT NULL,
    hours      NUMERIC(6,1) NOT NULL CHECK (hours >= 0),
    updated_by TEXT         NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (district, role)
);

-- hours-shortfall events sent, once per person and year.
CREATE TABLE hours_shortfall_notice (
    district  TEXT        NOT NULL,
    person_id TEXT        NOT NULL,
    year      INTEGER     NOT NULL,
    sent_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (district, person_id, year)
);

-- Per person and year, the sums the compliance report needs, kept by HoursLedger.credit in the credit's transaction
-- (a report reads one row per person instead of every credit).
CREATE TABLE hours_year (
    district              TEXT         NOT NULL,
    person_id             TEXT         NOT NULL,
    year                  INTEGER      NOT NULL,
    hours                 NUMERIC(9,2) NOT NULL,
    provincial_conferences INTEGER     NOT NULL,
    course_credits        INTEGER      NOT NULL,
    PRIMARY KEY (district, year, person_id)
);
