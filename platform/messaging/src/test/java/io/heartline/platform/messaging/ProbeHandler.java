package io.heartline.platform.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.IncomingEvent;
import io.heartline.platform.events.Topics;

/** Test consumer: records one effect row per handled event; subjects starting with "poison-" always fail. */
@ApplicationScoped
public class ProbeHandler implements EventHandler {

    static final String SUBMITTED = "heartline.screening.submitted.v1";

    private final AgroalDataSource dataSource;

    ProbeHandler(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String consumerName() {
        return "probe";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SCREENING);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(SUBMITTED);
    }

    /** Subjects starting with "flaky-" fail this many times as a lost database connection would, then succeed. */
    static final int FLAKY_FAILURES = 5;
    private final Map<String, AtomicInteger> flakyFailures = new ConcurrentHashMap<>();

    @Override
    public void handle(IncomingEvent event) throws Exception {
        if (event.subject().startsWith("flaky-")
                && flakyFailures.computeIfAbsent(event.subject(), s -> new AtomicInteger()).incrementAndGet()
                        <= FLAKY_FAILURES) {
            throw new SQLException("connection lost (simulated)", "08006");
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO probe_effect (event_id, subject) VALUES (?, ?)")) {
            ps.setObject(1, event.id());
            ps.setString(2, event.subject());
            ps.executeUpdate();
        }
        if (event.subject().startsWith("poison-")) {
            throw new IllegalStateException("poisoned on purpose");
        }
    }
}
