-- Platform tables of the web library; services add db/heartline-web to quarkus.flyway.locations.

-- Replays of intake POSTs that carried an Idempotency-Key. The row is written in the same transaction as the intake,
-- so a replay finds either nothing (the first attempt rolled back) or the committed response.
CREATE TABLE idempotency_record (
    scope        TEXT        NOT NULL,
    caller       TEXT        NOT NULL,
    idem_key     TEXT        NOT NULL,
    request_hash TEXT        NOT NULL,
    status       INTEGER,
    location     TEXT,
    body         BYTEA,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, caller, idem_key)
);
CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);

-- Who read which sensitive record, when and through which endpoint. Never answers, scores or notes.
CREATE TABLE audit_record (
    id          UUID        PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor       TEXT        NOT NULL,
    actor_role  TEXT        NOT NULL,
    district    TEXT,
    school      TEXT,
    subject_id  TEXT,
    record_type TEXT        NOT NULL,
    record_id   TEXT,
    endpoint    TEXT        NOT NULL,
    request_id  TEXT
);
CREATE INDEX audit_record_subject ON audit_record (school, subject_id, at DESC, id DESC);

-- Append-only: the database itself refuses to change or remove audit rows.
CREATE FUNCTION audit_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_record is append-only';
END;
$$;
CREATE TRIGGER audit_record_no_update BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_is_append_only();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_is_append_only();
