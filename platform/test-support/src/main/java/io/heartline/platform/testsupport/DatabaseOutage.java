package io.heartline.platform.testsupport;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Cuts a service off its database in the middle of a request, deterministically: the test holds the request's
 * {@code Idempotency-Key} row in an open transaction of its own, so the request's transaction waits on it; then every
 * other connection to the service's database is terminated ({@code pg_terminate_backend}, what a server restart or
 * failover does to them), the one in use and the idle ones in the pool alike.
 * <pre>
 * try (DatabaseOutage outage = DatabaseOutage.ofServiceDatabase().holdIdempotencyKey("referrals", sub, key)) {
 *     Future&lt;Response&gt; answer = pool.submit(() -> post(...));
 *     outage.awaitBlockedRequest(PATIENCE);
 *     outage.cutEveryConnection();
 * }
 * </pre>
 */
public final class DatabaseOutage implements AutoCloseable {

    private final Connection own;

    private DatabaseOutage(Connection own) {
        this.own = own;
    }

    /** Connects to the database of the service under test ({@code quarkus.datasource.*} of the running test). */
    public static DatabaseOutage ofServiceDatabase() {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null);
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null);
        try {
            Connection c = DriverManager.getConnection(url, user, password);
            c.setAutoCommit(false);
            return new DatabaseOutage(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the service database", e);
        }
    }

    /** Claims the key as an intake would, without committing: the request with this key waits for us. */
    public DatabaseOutage holdIdempotencyKey(String scope, String caller, String key) {
        try (PreparedStatement ps = own.prepareStatement(
                "INSERT INTO idempotency_record (scope, caller, idem_key, request_hash) VALUES (?, ?, ?, 'outage-test')")) {
            ps.setString(1, scope);
            ps.setString(2, caller);
            ps.setString(3, key);
            ps.executeUpdate();
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until a connection of the service is blocked by our transaction: the request is mid-transaction. */
    public void awaitBlockedRequest(Duration patience) {
        await().atMost(patience).until(() -> count("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND pg_backend_pid() = ANY (pg_blocking_pids(pid))""") > 0);
    }

    /** Terminates every other connection to the database; answers how many there were. */
    public long cutEveryConnection() {
        return count("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()""");
    }

    private long count(String sql) {
        // Statistics views are a snapshot per transaction; ours stays open, so take a fresh one each time.
        try (PreparedStatement clear = own.prepareStatement("SELECT pg_stat_clear_snapshot()")) {
            clear.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement ps = own.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets go of the key (rolls back) and disconnects. */
    @Override
    public void close() {
        try (own) {
            own.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
