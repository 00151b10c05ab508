package io.heartline.training.hours;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.Ids;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Problem.FieldError;
import io.heartline.platform.web.ProblemException;

/**
 * xAPI 1.0.3 statements from the district's LMS ({@code hr-sync}). Every statement is kept by id (per district);
 * {@code http://adlnet.gov/expapi/verbs/completed} with {@code result.duration} credits its hours to
 * {@code actor.account.name} (a person id) in the year of its {@code timestamp}. A statement id seen before with the
 * same content is accepted again and credits nothing; with other content it is a 409, as an LRS answers.
 */
@ApplicationScoped
public class XapiStatements {

    public static final String COMPLETED = "http://adlnet.gov/expapi/verbs/completed";
    private static final int MAX_STATEMENTS = 500;

    private record Parsed(UUID id, String personId, String verb, BigDecimal hours, Instant at, String title,
            String hash) {
    }

    private final AgroalDataSource dataSource;
    private final Clock clock;

    XapiStatements(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Transactional
    public List<String> store(Caller caller, JsonNode body) {
        String district = caller.requireDistrict();
        List<JsonNode> statements = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(statements::add);
        } else if (body != null && body.isObject()) {
            statements.add(body);
        }
        if (statements.isEmpty() || statements.size() > MAX_STATEMENTS) {
            throw ProblemException.badRequest("Send one statement or an array of 1 to " + MAX_STATEMENTS,
                    List.of(new FieldError("statements", "1 to " + MAX_STATEMENTS + " statements")));
        }
        List<FieldError> errors = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            parsed.add(parse(statements.get(i), "[" + i + "]", errors));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Some statements are not valid xAPI 1.0.3", errors);
        }
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (Parsed s : parsed) {
                ids.add(s.id().toString());
                if (!insert(c, district, s, now)) {
                    String seen = hashOf(c, district, s.id());
                    if (!s.hash().equals(seen)) {
                        throw ProblemException.conflict("Statement " + s.id() + " was received before with other "
                                + "content");
                    }
                    continue;
                }
                if (COMPLETED.equals(s.verb()) && s.hours() != null && s.hours().signum() > 0) {
                    HoursLedger.credit(c, district, s.personId(), s.at().atZone(ZoneOffset.UTC).getYear(),
                            HoursLedger.Kind.XAPI, s.hours(), null, s.id().toString(), s.title(), now);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store statements", e);
        }
        return ids;
    }

    private Parsed parse(JsonNode s, String at, List<FieldError> errors) {
        int before = errors.size();
        if (!s.isObject()) {
            errors.add(new FieldError(at, "a statement object"));
            return null;
        }
        UUID id = null;
        JsonNode idNode = s.get("id");
        if (idNode == null || idNode.isNull()) {
            id = Ids.next();
        } else {
            try {
                id = UUID.fromString(idNode.asText());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(at + ".id", "a UUID"));
            }
        }
        String person = s.path("actor").path("account").path("name").asText(null);
        if (person == null || person.isBlank() || person.length() > 64) {
            errors.add(new FieldError(at + ".actor.account.name", "the person id (1 to 64 characters)"));
        }
        if (!s.path("actor").path("account").path("homePage").isTextual()) {
            errors.add(new FieldError(at + ".actor.account.homePage", "required (an IRL)"));
        }
        String verb = s.path("verb").path("id").asText(null);
        if (verb == null || verb.isBlank()) {
            errors.add(new FieldError(at + ".verb.id", "required (an IRI)"));
        }
        if (!s.path("object").path("id").isTextual()) {
            errors.add(new FieldError(at + ".object.id", "required (an IRI)"));
        }
        BigDecimal hours = null;
        JsonNode duration = s.path("result").path("duration");
        if (duration.isTextual()) {
            try {
                Duration d = Duration.parse(duration.asText());
                if (d.isNegative() || d.compareTo(Duration.ofDays(10)) > 0) {
                    throw new DateTimeParseException("out of range", duration.asText(), 0);
                }
                hours = BigDecimal.valueOf(d.toSeconds()).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(at + ".result.duration", "an ISO 8601 duration such as PT2H30M (≤ 10 days)"));
            }
        } else if (COMPLETED.equals(verb)) {
            errors.add(new FieldError(at + ".result.duration", "required with the verb completed"));
        }
        Instant when = clock.instant();
        if (s.hasNonNull("timestamp")) {
            try {
                when = OffsetDateTime.parse(s.get("timestamp").asText()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(at + ".timestamp", "an ISO 8601 timestamp"));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        JsonNode name = s.path("object").path("definition").path("name");
        String title = name.isObject() && name.size() > 0 ? name.elements().next().asText()
                : s.path("object").path("id").asText();
        return new Parsed(id, person, verb, hours, when, title.length() > 200 ? title.substring(0, 200) : title,
                sha256(s.toString()));
    }

    private static boolean insert(Connection c, String district, Parsed s, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO xapi_statement (district, statement_id, person_id, verb, body_sha256, stored_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            ps.setString(1, district);
            ps.setObject(2, s.id());
            ps.setString(3, s.personId());
            ps.setString(4, s.verb());
            ps.setString(5, s.hash());
            ps.setTimestamp(6, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    private static String hashOf(Connection c, String district, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT body_sha256 FROM xapi_statement WHERE district = ? AND statement_id = ?")) {
            ps.setString(1, district);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
