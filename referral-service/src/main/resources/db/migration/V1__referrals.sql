-- Referrals, their stages along the chain, and the history of every change.

CREATE TABLE referral (
    id                    UUID        PRIMARY KEY,
    subject_id            TEXT        NOT NULL,
    subject_type          TEXT        NOT NULL CHECK (subject_type IN ('STUDENT', 'STAFF')),
    district              TEXT,
    school                TEXT,
    source                TEXT        NOT NULL,
    urgency               TEXT        NOT NULL CHECK (urgency IN ('ROUTINE', 'URGENT', 'EMERGENCY')),
    risk_level            TEXT,
    flags                 TEXT[],
    -- Exactly one referral per screening, whatever the inbox lets through (e.g. a re-published event with a new id).
    screening_id          UUID        UNIQUE,
    reason                TEXT,
    routed_by             TEXT        NOT NULL,
    accept_within_seconds BIGINT      NOT NULL CHECK (accept_within_seconds > 0),
    created_by            TEXT        NOT NULL,
    created_by_role       TEXT        NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    -- The current stage, denormalised so that lists, scope checks and the SLA sweep read one row.
    current_stage_id      UUID        NOT NULL,
    tier                  TEXT        NOT NULL,
    status                TEXT        NOT NULL,
    due_at                TIMESTAMPTZ NOT NULL,
    assignee              TEXT,
    -- Set when a top-tier stage breached its SLA: there is nowhere higher to go, so the sweep reports it once.
    sla_breached          BOOLEAN     NOT NULL DEFAULT false,
    outcome               TEXT,
    version               BIGINT      NOT NULL DEFAULT 0,
    CHECK (school IS NOT NULL OR district IS NOT NULL)
);

-- The SLA sweep's lookup: pending stages by due time.
CREATE INDEX referral_overdue ON referral (due_at) WHERE status = 'PENDING' AND NOT sla_breached;
CREATE INDEX referral_by_school ON referral (school, created_at DESC, id DESC);
CREATE INDEX referral_by_district ON referral (district, tier, created_at DESC, id DESC);
CREATE INDEX referral_by_subject ON referral (subject_id);

CREATE TABLE referral_stage (
    id          UUID        PRIMARY KEY,
    referral_id UUID        NOT NULL REFERENCES referral (id),
    seq         INTEGER     NOT NULL,
    tier        TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    due_at      TIMESTAMPTZ NOT NULL,
    assignee    TEXT,
    opened_at   TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ,
    closed_at   TIMESTAMPTZ,
    UNIQUE (referral_id, seq)
);
CREATE INDEX referral_stage_teacher ON referral_stage (referral_id) WHERE tier = 'CLASS_TEACHER';

-- Who did what, when, from which status to which, and why. Free-text reasons live only here and on the referral.
CREATE TABLE referral_history (
    id          UUID        PRIMARY KEY,
    referral_id UUID        NOT NULL REFERENCES referral (id),
    stage_id    UUID        NOT NULL REFERENCES referral_stage (id),
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    actor_role  TEXT        NOT NULL,
    tier        TEXT        NOT NULL,
    from_status TEXT,
    to_status   TEXT        NOT NULL,
    reason_code TEXT,
    reason      TEXT,
    assignee    TEXT
);
CREATE INDEX referral_history_by_referral ON referral_history (referral_id, at, id);

-- The history is the accountability record of a child's referral: it is appended to, never changed.
CREATE FUNCTION referral_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'referral_history is append-only';
END;
$$;
CREATE TRIGGER referral_history_no_update BEFORE UPDATE OR DELETE ON referral_history
    FOR EACH ROW EXECUTE FUNCTION referral_history_is_append_only();
CREATE TRIGGER referral_history_no_truncate BEFORE TRUNCATE ON referral_history
    FOR EACH STATEMENT EXECUTE FUNCTION referral_history_is_append_only();

-- Routing rules: every PUT adds a new version of a scope's rule set; the newest version is in force. Older ones are
-- the change history (who, when, the whole set) and are never changed.
CREATE TABLE routing_rule_set (
    id           UUID        PRIMARY KEY,
    scope        TEXT        NOT NULL CHECK (scope IN ('DEFAULT', 'DISTRICT', 'SCHOOL')),
    scope_id     TEXT        NOT NULL,
    version      INTEGER     NOT NULL,
    changed_by   TEXT        NOT NULL,
    changed_role TEXT        NOT NULL,
    changed_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (scope, scope_id, version)
);

CREATE TABLE routing_rule (
    rule_set_id   UUID    NOT NULL REFERENCES routing_rule_set (id),
    position      INTEGER NOT NULL,
    risk_level    TEXT,
    subject_type  TEXT,
    source        TEXT,
    urgency       TEXT,
    tier          TEXT    NOT NULL,
    accept_within TEXT    NOT NULL,
    PRIMARY KEY (rule_set_id, position)
);

CREATE FUNCTION routing_rules_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'routing rule history is append-only';
END;
$$;
CREATE TRIGGER routing_rule_set_no_update BEFORE UPDATE OR DELETE ON routing_rule_set
    FOR EACH ROW EXECUTE FUNCTION routing_rules_are_append_only();
CREATE TRIGGER routing_rule_no_update BEFORE UPDATE OR DELETE ON routing_rule
    FOR EACH ROW EXECUTE FUNCTION routing_rules_are_append_only();
