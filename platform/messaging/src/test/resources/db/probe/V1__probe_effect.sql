-- Effects of the test handler. No unique key on purpose: a duplicate effect must be visible.
CREATE TABLE probe_effect (
    event_id   UUID        NOT NULL,
    subject    TEXT        NOT NULL,
    handled_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
