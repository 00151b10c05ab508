-- Webhook subscriptions of district systems and their deliveries (docs/crisis.md "Webhooks").

CREATE TABLE webhook_subscription (
    id                   uuid        PRIMARY KEY,
    district             text        NOT NULL,
    url                  text        NOT NULL,
    -- AES-256-GCM of the secret's key bytes: 12-byte nonce || ciphertext+tag; the row id is the associated data, so
    -- a ciphertext copied onto another row does not decrypt. The secret is never returned after create.
    secret_enc           bytea       NOT NULL,
    kinds                text[]      NOT NULL DEFAULT '{}',
    status               text        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    disabled_at          timestamptz,
    disabled_reason      text
);
-- District lists, newest first, keyset-paged by (created_at, id).
CREATE INDEX webhook_subscription_district ON webhook_subscription (district, created_at DESC, id DESC);

-- One row per (subscription, message): written in the transaction of the change it reports.
CREATE TABLE webhook_delivery (
    id              uuid        PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    message_id      uuid        NOT NULL,
    event_type      text        NOT NULL,
    kind            text        NOT NULL,
    body            text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
    attempts        integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    -- When the next attempt is due; a worker that claims the row pushes it out by the lease, so a crashed worker's
    -- claim lapses and another one retries.
    next_attempt_at timestamptz,
    delivered_at    timestamptz,
    UNIQUE (subscription_id, message_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';

-- Failed attempts, listed on GET /api/v1/webhook-subscriptions/{id}: codes only (status or error class).
CREATE TABLE webhook_failure (
    id              uuid        PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    delivery_id     uuid        NOT NULL,
    message_id      uuid        NOT NULL,
    event_type      text        NOT NULL,
    attempt         integer     NOT NULL,
    at              timestamptz NOT NULL,
    status_code     integer,
    error           text
);
CREATE INDEX webhook_failure_subscription ON webhook_failure (subscription_id, at DESC);
