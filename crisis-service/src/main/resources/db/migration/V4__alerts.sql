-- Alerts that reach a person: on-call schedules and escalation policies per (district, school) — the district
-- centre's own under school_id = district — and alerts with their step, target and change feed (docs/crisis.md "Alerts").

CREATE TABLE on_call_schedule (
    district      text        NOT NULL,
    school_id     text        NOT NULL,
    participants  text[]      NOT NULL,
    shift_length  text        NOT NULL,   -- ISO-8601: PnD / PnW (local days) or PTnH (hours dividing a day)
    handover_time time        NOT NULL,
    time_zone     text        NOT NULL,
    starts_on     date        NOT NULL,   -- the first participant's first shift starts here at handover_time
    overrides     jsonb       NOT NULL DEFAULT '[]',
    updated_at    timestamptz NOT NULL,
    updated_by    text        NOT NULL,
    PRIMARY KEY (district, school_id)
);

CREATE TABLE escalation_policy (
    district   text        NOT NULL,
    school_id  text        NOT NULL,
    steps      jsonb       NOT NULL,      -- [{"target": "ON_CALL"|"CENTRE_HEAD"|"DISTRICT_ON_CALL"|person id, "ackWithin": "PT5M"}]
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL,
    PRIMARY KEY (district, school_id)
);

CREATE TABLE alert (
    id              uuid        PRIMARY KEY,
    source_key      text        NOT NULL UNIQUE,  -- one alert per source event (screening:<id>, clock:<id>, ...)
    district        text        NOT NULL,
    school          text        NOT NULL,
    kind            text        NOT NULL,
    urgency         text        NOT NULL,
    record_type     text        NOT NULL,
    record_id       uuid        NOT NULL,
    raised_at       timestamptz NOT NULL,
    step            integer     NOT NULL,         -- 1-based; steps + 1 = past the last step (district on duty)
    target_id       text,                         -- NULL: nobody could be found for the step
    step_due_at     timestamptz,                  -- NULL once nothing more can escalate
    status          text        NOT NULL,
    acknowledged_by text,
    acknowledged_at timestamptz,
    resolved_by     text,
    resolved_at     timestamptz,
    resolve_reason  text,                         -- free text: never in lists, streams or events
    unanswered_at   timestamptz,
    policy          jsonb       NOT NULL           -- the steps in force when raised (a policy edit does not move live alerts)
);
-- The escalation sweep reads only open alerts with a pending window.
CREATE INDEX alert_pending ON alert (step_due_at) WHERE status = 'OPEN' AND step_due_at IS NOT NULL;
CREATE INDEX alert_school ON alert (district, school, raised_at DESC, id DESC);
CREATE INDEX alert_district ON alert (district, raised_at DESC, id DESC);
-- "one crisis, one page": is the case already being alerted about?
CREATE INDEX alert_record ON alert (record_id) WHERE status <> 'RESOLVED';

-- Everyone an alert has reached (raised or escalated to them): "mine".
CREATE TABLE alert_recipient (
    alert_id  uuid        NOT NULL REFERENCES alert (id),
    district  text        NOT NULL,
    person_id text        NOT NULL,
    step      integer     NOT NULL,
    raised_at timestamptz NOT NULL,
    PRIMARY KEY (alert_id, person_id)
);
CREATE INDEX alert_recipient_person ON alert_recipient (district, person_id, raised_at DESC, alert_id DESC);

-- The live streams' feed: one row per (change, person concerned). seq is taken under a transaction-level advisory
-- lock, so seq order is commit order: a reader that has seen seq n has seen every change below n (Last-Event-ID).
CREATE TABLE alert_change (
    seq       bigserial   PRIMARY KEY,
    alert_id  uuid        NOT NULL REFERENCES alert (id),
    district  text        NOT NULL,
    person_id text        NOT NULL,
    change    text        NOT NULL,   -- RAISED, ESCALATED, ACKNOWLEDGED, RESOLVED
    at        timestamptz NOT NULL
);
CREATE INDEX alert_change_person ON alert_change (district, person_id, seq);
