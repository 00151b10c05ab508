package io.heartline.screening.submission;

import java.time.Instant;
import java.util.UUID;

/** What the submitter gets back: proof of receipt, never the score (a psychologist reads it through the archive). */
public record Receipt(UUID id, String instrument, Instant submittedAt, String status) {

    public static final String RECEIVED = "RECEIVED";
}
