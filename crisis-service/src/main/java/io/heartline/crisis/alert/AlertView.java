package io.heartline.crisis.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert as lists and streams show it (API.md "alerts"): the record to open, never answers, scores, indicators'
 * free text, notes or the resolve reason.
 */
public record AlertView(UUID id, String kind, String school, String urgency, Record record, Instant raisedAt, int step,
        String target, String status, Instant ackDueAt, String acknowledgedBy, Instant acknowledgedAt,
        Instant resolvedAt) {

    public record Record(String type, UUID id) {
    }
}
