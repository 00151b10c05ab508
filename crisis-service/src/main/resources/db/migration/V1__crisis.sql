-- crisis-service: cases, their sources and reports, clocks, timeline, emergency team, watch log, and the local
-- projection of crisis-intervention qualifications (from heartline.training certified events).

CREATE TABLE crisis_case (
    id               uuid        PRIMARY KEY,
    district         text        NOT NULL,
    school           text        NOT NULL,
    subject_id       text        NOT NULL,
    subject_type     text        NOT NULL,
    status           text        NOT NULL,
    level            text,
    suggested_level  text,
    impact           smallint,
    coping           smallint,
    support          smallint,
    lead_id          text,
    opened_at        timestamptz NOT NULL,
    opened_from      text        NOT NULL,   -- REPORT, SCREENING, REFERRAL
    first_contact_at timestamptz,
    closed_at        timestamptz,
    outcome          text,
    review_went_well text,
    review_to_change text,
    reopen_count     integer     NOT NULL DEFAULT 0,
    breached         boolean     NOT NULL DEFAULT false,  -- any clock of the case was ever breached
    updated_at       timestamptz NOT NULL
);
-- One open case per person (person ids are unique within a district).
CREATE UNIQUE INDEX crisis_case_one_open ON crisis_case (district, subject_id) WHERE status <> 'CLOSED';
CREATE INDEX crisis_case_school_newest ON crisis_case (district, school, opened_at DESC, id DESC);
CREATE INDEX crisis_case_district_newest ON crisis_case (district, opened_at DESC, id DESC);

-- Where a case came from: reports, screenings, referrals. A source event acts once (primary key).
CREATE TABLE case_source (
    kind      text        NOT NULL,
    source_id uuid        NOT NULL,
    case_id   uuid        NOT NULL REFERENCES crisis_case (id),
    at        timestamptz NOT NULL,
    PRIMARY KEY (kind, source_id)
);
CREATE INDEX case_source_case ON case_source (case_id);

-- A report. Anonymous: reporter_id is NULL and nothing else names the reporter.
CREATE TABLE crisis_report (
    id           uuid        PRIMARY KEY,
    case_id      uuid        NOT NULL REFERENCES crisis_case (id),
    district     text        NOT NULL,
    school       text        NOT NULL,
    channel      text        NOT NULL,
    reporter_id  text,
    anonymous    boolean     NOT NULL,
    indicators   text[]      NOT NULL,
    noticed_at   timestamptz,
    reported_at  timestamptz NOT NULL,
    late         boolean     NOT NULL,
    receipt_code text        NOT NULL UNIQUE,
    note         text,
    CHECK (NOT anonymous OR reporter_id IS NULL)
);
CREATE INDEX crisis_report_case ON crisis_report (case_id);
CREATE INDEX crisis_report_school_time ON crisis_report (district, school, reported_at);

-- Every clock of a case: FIRST_CONTACT, LEVEL2_INTERVENTION, CHECK_IN (seq = week), WATCH (seq = coverage step),
-- REPORT_WITHIN_30_MIN (seq = report number; decided at intake, never swept).
CREATE TABLE case_clock (
    id           uuid        PRIMARY KEY,
    case_id      uuid        NOT NULL REFERENCES crisis_case (id),
    kind         text        NOT NULL,
    seq          integer     NOT NULL DEFAULT 0,
    due_at       timestamptz NOT NULL,
    met_at       timestamptz,
    breached_at  timestamptz,
    cancelled_at timestamptz,
    UNIQUE (case_id, kind, seq)
);
-- The sweep reads only armed clocks; a met, breached or cancelled clock leaves this index.
CREATE INDEX case_clock_armed ON case_clock (due_at)
    WHERE met_at IS NULL AND breached_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX case_clock_case ON case_clock (case_id);

-- The timeline. code/detail hold codes only; note is the only free text and is shown to the privileged views only.
CREATE TABLE case_entry (
    id          uuid        PRIMARY KEY,
    case_id     uuid        NOT NULL REFERENCES crisis_case (id),
    at          timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    actor       text,
    kind        text        NOT NULL,
    code        text,
    detail      jsonb,
    note        text
);
CREATE INDEX case_entry_case ON case_entry (case_id, at, id);

CREATE TABLE team_member (
    case_id   uuid        NOT NULL REFERENCES crisis_case (id),
    role      text        NOT NULL,
    person_id text        NOT NULL,
    added_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, role)
);
CREATE INDEX team_member_person ON team_member (person_id);

CREATE TABLE watch_shift (
    id          uuid        PRIMARY KEY,
    case_id     uuid        NOT NULL REFERENCES crisis_case (id),
    watcher_id  text        NOT NULL,
    from_at     timestamptz NOT NULL,
    to_at       timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by text        NOT NULL,
    CHECK (to_at > from_at)
);
CREATE INDEX watch_shift_case ON watch_shift (case_id, to_at);

-- Projection of heartline.training certified events (rebuilt by replaying the topic).
CREATE TABLE qualification (
    certificate_id uuid        PRIMARY KEY,
    person_id      text        NOT NULL,
    kind           text        NOT NULL,
    level          text,
    issued_at      timestamptz NOT NULL,
    expires_at     timestamptz,
    district       text        NOT NULL
);
CREATE INDEX qualification_person ON qualification (person_id, kind);
