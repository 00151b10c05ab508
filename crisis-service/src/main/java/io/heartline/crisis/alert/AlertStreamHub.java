package io.heartline.crisis.alert;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heartline.crisis.CrisisConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Fans alert changes out to the open streams of this instance. The feed is the {@code alert_change} table (one row
 * per change and person, {@code seq} in commit order); every instance's hub follows it from PostgreSQL: a dedicated
 * connection {@code LISTEN}s on {@link Alerts#CHANNEL} (each change NOTIFYs on commit) and the hub then reads the rows
 * after the last seq it saw; a short poll ({@code heartline.crisis.alerts.poll-interval}) is the safety net for a lost
 * listener connection. A stream registers, then replays its person's rows after {@code Last-Event-ID} (or after the
 * feed's end when it has none), buffering what the hub delivers meanwhile, so it neither misses nor repeats a row.
 */
@ApplicationScoped
public class AlertStreamHub {

    private static final Logger LOG = Logger.getLogger(AlertStreamHub.class);
    private static final int BATCH = 500;

    private final Alerts alerts;
    private final CrisisConfig config;
    private final ObjectMapper json;
    private final Map<String, Set<Subscriber>> byPerson = new ConcurrentHashMap<>();
    private final AtomicLong hubSeq = new AtomicLong(-1);
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean running;
    private Thread follower;
    private ScheduledExecutorService heartbeats;
    private volatile Connection listener;

    AlertStreamHub(Alerts alerts, CrisisConfig config, ObjectMapper json, MeterRegistry meters) {
        this.alerts = alerts;
        this.config = config;
        this.json = json;
        Gauge.builder("heartline.crisis.alerts.streams", byPerson, m -> m.values().stream().mapToInt(Set::size).sum())
                .description("Open alert streams on this instance").register(meters);
    }

    void start(@Observes StartupEvent e) {
        running = true;
        hubSeq.set(alerts.lastSeq());
        follower = Thread.ofPlatform().daemon().name("alert-stream-hub").start(this::follow);
        heartbeats = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("alert-stream-heartbeat").unstarted(r));
        long every = config.alerts().heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent e) {
        close();
    }

    @PreDestroy
    void close() {
        running = false;
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        closeListener();
        if (follower != null) {
            follower.interrupt();
        }
        byPerson.values().forEach(s -> s.forEach(Subscriber::close));
        byPerson.clear();
    }

    // ---------------------------------------------------------------- following the feed

    private void follow() {
        long pollMs = Math.max(10, config.alerts().pollInterval().toMillis());
        while (running) {
            try {
                waitForChange(pollMs);
                dispatchNew();
            } catch (RuntimeException | SQLException ex) {
                if (running) {
                    LOG.warnf("Alert stream hub: %s; retrying", ex.getClass().getSimpleName());
                    closeListener();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollMs));
                }
            }
        }
    }

    /** Blocks until a NOTIFY arrives or the poll interval passes. */
    private void waitForChange(long pollMs) throws SQLException {
        if (!config.alerts().listen()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollMs));
            return;
        }
        Connection c = listener;
        if (c == null || c.isClosed()) {
            c = openListener();
            listener = c;
        }
        c.unwrap(PGConnection.class).getNotifications((int) pollMs);
    }

    private Connection openListener() throws SQLException {
        var cfg = ConfigProvider.getConfig();
        String url = cfg.getValue("quarkus.datasource.jdbc.url", String.class);
        Properties p = new Properties();
        cfg.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(u -> p.setProperty("user", u));
        cfg.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", "crisis-alert-stream-hub");
        Connection c = DriverManager.getConnection(url, p);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + Alerts.CHANNEL);
        }
        return c;
    }

    private void closeListener() {
        Connection c = listener;
        listener = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
        }
    }

    /** Reads feed rows after the last seen seq and hands each to its person's streams. */
    void dispatchNew() {
        while (running) {
            List<Alerts.Change> rows = alerts.changesAfter(hubSeq.get(), BATCH);
            for (Alerts.Change c : rows) {
                Set<Subscriber> subs = byPerson.get(key(c.district(), c.personId()));
                if (subs != null) {
                    subs.forEach(s -> s.offer(c));
                }
                hubSeq.set(c.seq());
            }
            if (rows.size() < BATCH) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- streams

    /**
     * Opens a stream for a person: replays their feed after {@code lastEventId} (or after the feed's current end),
     * then goes live.
     */
    public void subscribe(String district, String person, Optional<Long> lastEventId, SseEventSink sink, Sse sse) {
        long after = lastEventId.orElseGet(alerts::lastSeq);
        Subscriber s = new Subscriber(sink, sse, after);
        String key = key(district, person);
        byPerson.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(s);
        s.comment("connected");
        long from = after;
        while (true) {
            List<Alerts.Change> replay = alerts.changesFor(district, person, from, BATCH);
            replay.forEach(s::replayed);
            if (replay.size() < BATCH) {
                break;
            }
            from = replay.get(replay.size() - 1).seq();
        }
        s.live();
    }

    private void heartbeat() {
        try {
            for (var entry : byPerson.entrySet()) {
                entry.getValue().removeIf(s -> {
                    if (s.closed()) {
                        return true;
                    }
                    s.comment("heartbeat");
                    return false;
                });
            }
            byPerson.values().removeIf(Set::isEmpty);
        } catch (RuntimeException e) {
            LOG.warnf("Alert stream heartbeat: %s", e.getClass().getSimpleName());
        }
    }

    public long delivered() {
        return delivered.get();
    }

    private static String key(String district, String person) {
        return district + "\u0000" + person;
    }

    /** One open stream: sends in seq order, never a seq twice; buffers live rows while it replays. */
    final class Subscriber {
        private final SseEventSink sink;
        private final Sse sse;
        private long lastSent;
        private boolean replaying = true;
        private final List<Alerts.Change> buffered = new ArrayList<>();
        private volatile boolean failed;

        Subscriber(SseEventSink sink, Sse sse, long after) {
            this.sink = sink;
            this.sse = sse;
            this.lastSent = after;
        }

        synchronized void offer(Alerts.Change c) {
            if (replaying) {
                buffered.add(c);
            } else {
                send(c);
            }
        }

        synchronized void replayed(Alerts.Change c) {
            send(c);
        }

        synchronized void live() {
            replaying = false;
            buffered.forEach(this::send);
            buffered.clear();
        }

        private void send(Alerts.Change c) {
            if (c.seq() <= lastSent || closed()) {
                return;
            }
            lastSent = c.seq();
            OutboundSseEvent e = sse.newEventBuilder().id(Long.toString(c.seq()))
                    .name("alert-" + c.change().toLowerCase(java.util.Locale.ROOT))
                    .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, payload(c)).build();
            sink.send(e).whenComplete((v, err) -> {
                if (err != null) {
                    failed = true;
                } else {
                    delivered.incrementAndGet();
                }
            });
        }

        synchronized void comment(String text) {
            if (closed()) {
                return;
            }
            sink.send(sse.newEventBuilder().comment(text).build()).whenComplete((v, err) -> {
                if (err != null) {
                    failed = true;
                }
            });
        }

        boolean closed() {
            return failed || sink.isClosed();
        }

        void close() {
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }

    private String payload(Alerts.Change c) {
        try {
            return json.writeValueAsString(Map.of("change", c.change(), "alert", c.alert()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
