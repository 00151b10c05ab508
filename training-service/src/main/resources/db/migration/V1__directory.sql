-- The district's people directory. Every key starts with the district: source ids (OneRoster sourcedIds, HR employee
-- numbers) and school ids are unique only within a district. Nothing is ever deleted: leavers become inactive.

CREATE TABLE school (
    district           TEXT        NOT NULL,
    school_id          TEXT        NOT NULL,
    name               TEXT        NOT NULL,
    active             BOOLEAN     NOT NULL DEFAULT true,
    source_modified_at TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (district, school_id)
);

CREATE TABLE school_class (
    district           TEXT        NOT NULL,
    class_id           TEXT        NOT NULL,
    school_id          TEXT        NOT NULL,
    title              TEXT        NOT NULL,
    grade              TEXT,
    class_type         TEXT,
    active             BOOLEAN     NOT NULL DEFAULT true,
    source_modified_at TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (district, class_id)
);
CREATE INDEX school_class_school ON school_class (district, school_id);

-- person_id is Heartline's id (token sub): the first source id seen; source_id is the current one (after re-keys).
CREATE TABLE person (
    district           TEXT        NOT NULL,
    person_id          TEXT        NOT NULL,
    kind               TEXT        NOT NULL CHECK (kind IN ('STAFF', 'STUDENT', 'GUARDIAN')),
    source             TEXT        NOT NULL CHECK (source IN ('HR', 'ONEROSTER', 'SCIM')),
    source_id          TEXT        NOT NULL,
    user_name          TEXT,
    display_name       TEXT,
    given_name         TEXT,
    family_name        TEXT,
    school_id          TEXT,
    class_id           TEXT,
    date_of_birth      DATE,
    email              TEXT,
    phone              TEXT,
    department         TEXT,
    active             BOOLEAN     NOT NULL,
    source_modified_at TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    deactivated_at     TIMESTAMPTZ,
    version            INTEGER     NOT NULL DEFAULT 1,
    PRIMARY KEY (district, person_id)
);
CREATE UNIQUE INDEX person_source_id ON person (district, source_id);
CREATE UNIQUE INDEX person_user_name ON person (district, lower(user_name)) WHERE user_name IS NOT NULL;
CREATE INDEX person_school ON person (district, school_id, kind) WHERE active;
CREATE INDEX person_class ON person (district, class_id) WHERE active AND class_id IS NOT NULL;

-- Every source id a person has had, so that a re-keyed person keeps their personId and history.
CREATE TABLE person_rekey (
    district      TEXT        NOT NULL,
    person_id     TEXT        NOT NULL,
    old_source_id TEXT        NOT NULL,
    new_source_id TEXT        NOT NULL,
    at            TIMESTAMPTZ NOT NULL,
    import_id     UUID
);
CREATE INDEX person_rekey_person ON person_rekey (district, person_id);

-- A staff member's school roles (the whole set is replaced when the source sends the person).
CREATE TABLE staff_role (
    district  TEXT    NOT NULL,
    person_id TEXT    NOT NULL,
    school_id TEXT    NOT NULL,
    role      TEXT    NOT NULL,
    full_time BOOLEAN NOT NULL,
    class_ids TEXT[]  NOT NULL DEFAULT '{}',
    PRIMARY KEY (district, person_id, school_id, role)
);
CREATE INDEX staff_role_school ON staff_role (district, school_id, role);
CREATE INDEX staff_role_classes ON staff_role USING gin (class_ids);

CREATE TABLE guardian_link (
    district     TEXT        NOT NULL,
    student_id   TEXT        NOT NULL,
    guardian_id  TEXT        NOT NULL,
    relationship TEXT        NOT NULL,
    linked_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (district, student_id, guardian_id)
);
CREATE INDEX guardian_link_guardian ON guardian_link (district, guardian_id);

-- Roster imports: the upload, its state machine and its report. One import applies at a time per district.
CREATE TABLE roster_import (
    id              UUID        PRIMARY KEY,
    district        TEXT        NOT NULL,
    format          TEXT        NOT NULL,
    mode            TEXT        NOT NULL,
    dry_run         BOOLEAN     NOT NULL,
    state           TEXT        NOT NULL,
    requested_by    TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    rows_done       INTEGER     NOT NULL DEFAULT 0,
    rows_total      INTEGER,
    counts          JSONB       NOT NULL DEFAULT '{}',
    held            JSONB,
    confirmed_by    TEXT,
    failure         TEXT,
    upload_sha256   TEXT        NOT NULL,
    upload_size     BIGINT      NOT NULL,
    lease_until     TIMESTAMPTZ,
    request_id      TEXT
);
CREATE INDEX roster_import_district ON roster_import (district, created_at DESC, id DESC);
CREATE INDEX roster_import_runnable ON roster_import (created_at) WHERE state IN ('VALIDATING', 'APPLYING');

-- Kept apart from the job row so that polling the job never drags the upload along.
CREATE TABLE roster_upload (
    import_id UUID  PRIMARY KEY REFERENCES roster_import (id),
    content   BYTEA NOT NULL
);

-- What the import did (or, in a dry run, would do) row by row, and each refused row with its reason.
CREATE TABLE roster_import_row (
    import_id  UUID    NOT NULL REFERENCES roster_import (id),
    seq        INTEGER NOT NULL,
    file       TEXT    NOT NULL,
    row_number INTEGER,
    record     TEXT    NOT NULL,
    source_id  TEXT,
    person_id  TEXT,
    action     TEXT    NOT NULL,
    reason     TEXT,
    PRIMARY KEY (import_id, seq)
);
