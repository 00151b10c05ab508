package io.heartline.platform.messaging;

import java.time.Duration;

/** Events appended but not yet acknowledged by the broker, and how long the oldest has waited. */
public record OutboxBacklog(long pending, Duration oldestAge) {
}
