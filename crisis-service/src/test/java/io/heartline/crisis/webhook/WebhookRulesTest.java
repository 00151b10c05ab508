package io.heartline.crisis.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Table tests of the URL rule, the retry schedule and the payload allow-list, and the profiles' URL setting. */
class WebhookRulesTest {

    /** url | accepted in dev/test (loopback http allowed) | accepted in prod. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://hooks.district.example/heartline|true|true",
            "https://hooks.district.example:8443/a?b=c|true|true",
            "http://hooks.district.example/heartline|false|false",
            "http://127.0.0.1:8099/hook|true|false",
            "http://localhost:8099/hook|true|false",
            "http://[::1]:8099/hook|true|false",
            "https://127.0.0.1/hook|true|false",
            "https://10.0.0.5/hook|true|false",
            "https://192.168.1.2/hook|true|false",
            "https://169.254.169.254/latest/meta-data|true|false",
            "http://10.0.0.5/hook|false|false",
            "https://user:pw@hooks.district.example/|false|false",
            "https://hooks.district.example/#frag|false|false",
            "ftp://hooks.district.example/|false|false",
            "/relative/path|false|false",
            "https:///no-host|false|false",
            "not a url|false|false" })
    void urlRule(String url, boolean devTest, boolean prod) {
        assertEquals(devTest, WebhookUrls.problem(url, true).isEmpty(), "dev/test: " + url);
        assertEquals(prod, WebhookUrls.problem(url, false).isEmpty(), "prod: " + url);
    }

    @Test
    void aLongUrlIsRefused() {
        String url = "https://hooks.district.example/" + "a".repeat(2100);
        assertEquals(Optional.of("must be at most 2048 characters"), WebhookUrls.problem(url, false));
    }

    /** The https-only rule is a profile property: off in %prod, on in %dev and %test. */
    @ParameterizedTest
    @CsvSource({ "prod,false", "dev,true", "test,true" })
    void loopbackHttpIsAllowedOnlyOutsideProduction(String profile, boolean allowed) throws Exception {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(
                        getClass().getClassLoader().getResource("application.properties")))
                .build();
        assertEquals(allowed, config.getValue("heartline.crisis.webhooks.allow-http-loopback", Boolean.class));
    }

    /** failed attempts | random | retry-after seconds (0 = none) | delay seconds (empty = give up). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|0.0|0|5", "1|0.99|0|5", "2|0.0|0|300", "2|0.5|0|330", "3|0.0|0|1800",
            "3|0.0|7200|7200", "1|0.0|3|5", "1|0.0|999999|86400", "4|0.0|0|", "0|0.0|0|" })
    void retrySchedule(int failed, double random, long retryAfter, Long expectedSeconds) {
        RetryPolicy p = new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30)), 0.2);
        Optional<Duration> d = p.next(failed, random, retryAfter == 0 ? null : Duration.ofSeconds(retryAfter));
        assertEquals(Optional.ofNullable(expectedSeconds), d.map(x -> x.toMillis() / 1000));
        assertEquals(4, p.maxAttempts());
    }

    @Test
    void jitterLengthensButNeverShortensAndGrowsWithTheAttempt() {
        RetryPolicy p = new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30)), 0.2);
        for (int i = 1; i <= 3; i++) {
            Duration lo = p.next(i, 0, null).orElseThrow();
            Duration hi = p.next(i, 0.999999, null).orElseThrow();
            assertTrue(hi.compareTo(lo) > 0 && hi.toMillis() < lo.toMillis() * 1.2 + 1);
            if (i > 1) {
                assertTrue(lo.compareTo(p.next(i - 1, 0.999999, null).orElseThrow()) > 0);
            }
        }
    }

    @Test
    void theAlertBodyHoldsIdsCodesAndTimesOnly() {
        UUID alert = UUID.randomUUID();
        String body = WebhookPayload.alert("alert.escalated", Instant.parse("2026-12-02T08:00:00Z"),
                new WebhookPayload.AlertData(alert, "EXTREME_TRIAGE", "school-9", "EXTREME", "CRISIS_CASE", "c-1", 2,
                        "OPEN", Instant.parse("2026-12-02T07:55:00Z"), Instant.parse("2026-12-02T08:00:00Z"), null, null));
        assertEquals("{\"type\":\"alert.escalated\",\"timestamp\":\"2026-12-02T08:00:00Z\",\"data\":{\"alertId\":\""
                + alert + "\",\"kind\":\"EXTREME_TRIAGE\",\"school\":\"school-9\",\"urgency\":\"EXTREME\","
                + "\"record\":{\"type\":\"CRISIS_CASE\",\"id\":\"c-1\"},\"step\":2,\"status\":\"OPEN\","
                + "\"raisedAt\":\"2026-12-02T07:55:00Z\",\"escalatedAt\":\"2026-12-02T08:00:00Z\"}}", body);
    }

    /** body | why it is refused. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"type\":\"alert.raised\",\"data\":{\"kind\":\"CRITICAL_SCREENING\",\"note\":\"CANARY-7f3e1c\"}}|data may not carry 'note'",
            "{\"type\":\"alert.raised\",\"data\":{\"answers\":[1,2]}}|data may not carry 'answers'",
            "{\"type\":\"alert.raised\",\"data\":{\"target\":\"psychologist-7\"}}|data may not carry 'target'",
            "{\"type\":\"alert.raised\",\"data\":{\"record\":{\"type\":\"X\",\"text\":\"t\"}}}|data.record may not carry 'text'",
            "{\"type\":\"alert.raised\",\"data\":{\"school\":{\"nested\":1}}}|fields must be ids, codes or times",
            "{\"type\":\"alert.raised\",\"data\":{},\"extra\":1}|body may not carry 'extra'",
            "{\"type\":\"alert.other\",\"data\":{}}|'type' must equal the event type",
            "{\"type\":\"alert.raised\",\"data\":{\"kind\":\"EXTREME_TRIAGE\"}}|'data.kind' must equal",
            "[1,2]|must be a JSON object",
            "{not json|is not JSON" })
    void theAllowListRefusesAnythingElse(String body, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookPayload.check("alert.raised", "CRITICAL_SCREENING", body));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertFalse(e.getMessage().contains("CANARY"), "the refusal must not echo the value");
    }

    /** The alerts code's event data (person ids included) becomes a webhook body without them. */
    @Test
    void anAlertEventIsProjectedOntoTheWebhookBody() {
        String data = """
                {"alertId": "0190f5a4-3333-7e4a-9c3d-2f6b8a1d4e5f", "kind": "CRITICAL_SCREENING",
                 "school": "school-0001", "district": "district-0001", "urgency": "CRITICAL", "step": 1,
                 "targetId": "psych-0001", "recordType": "CRISIS_CASE",
                 "recordId": "0190f5a4-2222-7e4a-9c3d-2f6b8a1d4e5f", "status": "ACKNOWLEDGED",
                 "acknowledgedBy": "psych-0001", "previousTargetId": "head-0001"}""";
        WebhookPayload.Mapped m = WebhookPayload.fromAlertEvent("heartline.crisis.alert-acknowledged.v1",
                Instant.parse("2026-12-02T08:00:00Z"), data);
        assertEquals("alert.acknowledged", m.eventType());
        assertEquals("{\"type\":\"alert.acknowledged\",\"timestamp\":\"2026-12-02T08:00:00Z\",\"data\":{"
                + "\"alertId\":\"0190f5a4-3333-7e4a-9c3d-2f6b8a1d4e5f\",\"kind\":\"CRITICAL_SCREENING\","
                + "\"school\":\"school-0001\",\"urgency\":\"CRITICAL\",\"record\":{\"type\":\"CRISIS_CASE\","
                + "\"id\":\"0190f5a4-2222-7e4a-9c3d-2f6b8a1d4e5f\"},\"step\":1,\"status\":\"ACKNOWLEDGED\"}}",
                m.body());
        assertEquals("alert.unanswered", WebhookPayload.fromAlertEvent("heartline.crisis.alert-unanswered.v1",
                Instant.now(), data.replace("ACKNOWLEDGED", "OPEN")).eventType());
        assertThrows(IllegalArgumentException.class, () -> WebhookPayload.fromAlertEvent(
                "heartline.crisis.opened.v1", Instant.now(), data));
        assertThrows(IllegalArgumentException.class, () -> WebhookPayload.fromAlertEvent(
                "heartline.crisis.alert-raised.v1", Instant.now(), "[1]"));
    }

    @Test
    void eventTypeAndKindAreChecked() {
        String ok = "{\"type\":\"alert.raised\",\"data\":{}}";
        WebhookPayload.check("alert.raised", "CRITICAL_SCREENING", ok);
        assertThrows(IllegalArgumentException.class, () -> WebhookPayload.check("alert raised", "CRITICAL_SCREENING",
                ok));
        assertThrows(IllegalArgumentException.class, () -> WebhookPayload.check("alert.raised", "SOMETHING", ok));
    }
}
