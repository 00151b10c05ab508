package io.heartline.platform.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * {@code Idempotency-Key} for intake POSTs: the same key with the same body returns the original response; with
 * another body, 422. The key is stored in the intake's own transaction, so a replay sees either nothing (the first
 * attempt failed and rolled back) or its committed answer; a concurrent duplicate waits on the key's row.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /** How long a key is remembered. */
    public static final Duration RETENTION = Duration.ofHours(24);

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final ObjectMapper json;

    Idempotency(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions, ObjectMapper json) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.json = json;
    }

    /**
     * Runs {@code intake} at most once per (scope, caller, key). Call it inside the intake's transaction.
     *
     * @param scope names the endpoint, e.g. {@code screenings}
     * @param key the header value, or null to run without idempotency
     * @param request the parsed request body; its JSON form identifies "the same body"
     */
    public Response run(String scope, Caller caller, String key, Object request, Supplier<Response> intake) {
        if (key == null) {
            return intake.get();
        }
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to 200 characters",
                    List.of(new Problem.FieldError(HEADER, "1 to 200 characters")));
        }
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("Idempotency.run needs the intake's transaction");
        }
        String hash = hash(request);
        try (Connection c = dataSource.getConnection()) {
            if (claim(c, scope, caller.id(), key, hash)) {
                Response response = intake.get();
                remember(c, scope, caller.id(), key, response);
                return response;
            }
            return replay(c, scope, caller.id(), key, hash);
        } catch (SQLException e) {
            throw new IllegalStateException("Idempotency store failed", e);
        }
    }

    private static boolean claim(Connection c, String scope, String caller, String key, String hash)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO idempotency_record (scope, caller, idem_key, request_hash) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            ps.setString(1, scope);
            ps.setString(2, caller);
            ps.setString(3, key);
            ps.setString(4, hash);
            return ps.executeUpdate() == 1;
        }
    }

    private void remember(Connection c, String scope, String caller, String key, Response response)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE idempotency_record SET status = ?, location = ?, body = ?
                WHERE scope = ? AND caller = ? AND idem_key = ?""")) {
            ps.setInt(1, response.getStatus());
            ps.setString(2, response.getLocation() == null ? null : response.getLocation().toString());
            ps.setBytes(3, response.getEntity() == null ? null : json.writeValueAsBytes(response.getEntity()));
            ps.setString(4, scope);
            ps.setString(5, caller);
            ps.setString(6, key);
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store the response for replay", e);
        }
    }

    private Response replay(Connection c, String scope, String caller, String key, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT request_hash, status, location, body FROM idempotency_record
                WHERE scope = ? AND caller = ? AND idem_key = ?""")) {
            ps.setString(1, scope);
            ps.setString(2, caller);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getObject(2) == null) {
                    throw ProblemException.conflict("A request with this Idempotency-Key is still in progress");
                }
                if (!rs.getString(1).equals(hash)) {
                    throw ProblemException.unprocessable(
                            "This Idempotency-Key was used with a different request body");
                }
                Response.ResponseBuilder b = Response.status(rs.getInt(2)).header(REPLAYED, "true");
                if (rs.getString(3) != null) {
                    b.location(URI.create(rs.getString(3)));
                }
                byte[] body = rs.getBytes(4);
                if (body != null) {
                    b.entity(new String(body, StandardCharsets.UTF_8)).type(MediaType.APPLICATION_JSON_TYPE);
                }
                return b.build();
            }
        }
    }

    private String hash(Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(json.writeValueAsBytes(request)));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldKeys() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM idempotency_record WHERE created_at < now() - make_interval(secs => ?)")) {
            ps.setLong(1, RETENTION.toSeconds());
            ps.executeUpdate();
        }
    }
}
