-- Append-only outbox: see docs/messaging.md "Outbox and relay". Replaces V0_1's outbox_event, whose relay marked
-- every published row with an UPDATE (a dead tuple per event, slowing the relay's scan without vacuum).
ALTER TABLE outbox_event RENAME TO outbox_event_v0_1;

-- Sequence numbers in allocation order across sessions (CACHE 1), continuing the old identity's numbers.
CREATE SEQUENCE outbox_event_seq AS BIGINT;
SELECT setval('outbox_event_seq', COALESCE((SELECT max(seq) FROM outbox_event_v0_1), 0) + 1, false);

-- The relay treats a missing seq as "maybe still in flight" until every transaction that could hold it has ended,
-- which it judges by transaction ids: so a transaction must own its xid before it draws a seq.
CREATE FUNCTION outbox_next_seq() RETURNS BIGINT LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_current_xact_id();
    RETURN nextval('outbox_event_seq');
END
$$;

-- Ten daily slots used in a ring: rows of a day land in slot (day mod 10); the relay empties a slot with TRUNCATE
-- once every row in it is published and older than the retention, so nothing is ever updated or deleted row by row.
CREATE FUNCTION outbox_slot(at TIMESTAMPTZ) RETURNS SMALLINT LANGUAGE sql IMMUTABLE AS $$
    SELECT (floor(extract(EPOCH FROM at) / 86400)::BIGINT % 10)::SMALLINT
$$;

CREATE TABLE outbox_event (
    slot        SMALLINT    NOT NULL DEFAULT outbox_slot(now()),
    seq         BIGINT      NOT NULL DEFAULT outbox_next_seq(),
    event_id    UUID        NOT NULL,
    event_type  TEXT        NOT NULL,
    topic       TEXT        NOT NULL,
    record_key  TEXT        NOT NULL,
    payload     BYTEA       NOT NULL,
    traceparent TEXT,
    request_id  TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (seq, slot)
) PARTITION BY LIST (slot);

CREATE TABLE outbox_event_0 PARTITION OF outbox_event FOR VALUES IN (0);
CREATE TABLE outbox_event_1 PARTITION OF outbox_event FOR VALUES IN (1);
CREATE TABLE outbox_event_2 PARTITION OF outbox_event FOR VALUES IN (2);
CREATE TABLE outbox_event_3 PARTITION OF outbox_event FOR VALUES IN (3);
CREATE TABLE outbox_event_4 PARTITION OF outbox_event FOR VALUES IN (4);
CREATE TABLE outbox_event_5 PARTITION OF outbox_event FOR VALUES IN (5);
CREATE TABLE outbox_event_6 PARTITION OF outbox_event FOR VALUES IN (6);
CREATE TABLE outbox_event_7 PARTITION OF outbox_event FOR VALUES IN (7);
CREATE TABLE outbox_event_8 PARTITION OF outbox_event FOR VALUES IN (8);
CREATE TABLE outbox_event_9 PARTITION OF outbox_event FOR VALUES IN (9);

-- The relay's durable position: every seq at or below it is published or can never appear. A sequence, not a row:
-- setval overwrites in place, so a position moved hundreds of times a second leaves no dead tuples.
CREATE SEQUENCE outbox_relay_position AS BIGINT MINVALUE 0 START 0;

INSERT INTO outbox_event (slot, seq, event_id, event_type, topic, record_key, payload, traceparent, request_id,
                          created_at)
SELECT outbox_slot(created_at), seq, event_id, event_type, topic, record_key, payload, traceparent, request_id,
       created_at
FROM outbox_event_v0_1;

SELECT setval('outbox_relay_position',
              COALESCE((SELECT min(seq) - 1 FROM outbox_event_v0_1 WHERE sent_at IS NULL),
                       (SELECT max(seq) FROM outbox_event_v0_1), 0), true);

DROP TABLE outbox_event_v0_1;
