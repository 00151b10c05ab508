package io.heartline.platform.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.heartline.platform.events.OutgoingEvent;

/** Appends events the way a service does: inside its own transaction. */
@ApplicationScoped
public class ProbeWriter {

    private final Outbox outbox;

    ProbeWriter(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public void commit(List<OutgoingEvent> events) {
        events.forEach(outbox::append);
    }

    /** Appends, then fails, so the transaction rolls back. */
    @Transactional
    public void appendThenFail(List<OutgoingEvent> events) {
        events.forEach(outbox::append);
        throw new RolledBack();
    }

    static final class RolledBack extends RuntimeException {
    }
}
