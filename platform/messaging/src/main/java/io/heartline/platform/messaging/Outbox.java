package io.heartline.platform.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.OutgoingEvent;

/**
 * Appends events to {@code outbox_event} inside the caller's transaction, so an event exists if and only if the change
 * it reports committed. After commit the relay is woken, so publication does not wait for a poll.
 */
@ApplicationScoped
public class Outbox {

    private static final Object WAKE_REGISTERED = new Object();

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final MessagingRuntime runtime;

    Outbox(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions, MessagingRuntime runtime) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.runtime = runtime;
    }

    /** @throws IllegalStateException outside a transaction: an event without its change would be a lie */
    public void append(OutgoingEvent event) {
        appendAll(List.of(event));
    }

    /** Appends many events in one batch, in order (bulk changes such as roster imports). */
    public void appendAll(List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("Outbox.append needs an active transaction (@Transactional)");
        }
        try (Connection c = dataSource.getConnection()) {
            OutboxStore.insertAll(c, events);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot append " + events.size() + " event(s) of type "
                    + events.get(0).type() + " to the outbox", e);
        }
        if (transactions.getResource(WAKE_REGISTERED) == null) {
            transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        runtime.wakeRelay();
                    }
                }
            });
        }
    }
}
