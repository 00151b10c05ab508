package io.heartline.platform.messaging;

import java.util.Set;

import io.heartline.platform.events.IncomingEvent;

/**
 * A consumer of Heartline events. Implement it as an {@code @ApplicationScoped} bean; the platform runs one inbox
 * consumer per handler. {@link #handle} runs inside a JTA transaction that also records the event id in
 * {@code processed_event}, so its database effects happen once however often the event arrives.
 */
public interface EventHandler {

    /** Names the consumer group, the inbox rows and the dead-letter topic; e.g. {@code screening-flags}. */
    String consumerName();

    Set<String> topics();

    /** Event types this handler acts on; other types on the topics are skipped (and not recorded). */
    Set<String> eventTypes();

    /**
     * Applies the event's effects. Throw to roll back and retry; after the last attempt the record goes to the
     * dead-letter topic. Throw {@link io.heartline.platform.events.MalformedEventException} for input that can never
     * succeed, to skip the retries.
     */
    void handle(IncomingEvent event) throws Exception;
}
