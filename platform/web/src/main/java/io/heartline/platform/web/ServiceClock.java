package io.heartline.platform.web;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The one {@link Clock} a service injects: UTC, ticking in microseconds (PostgreSQL's precision, so that an instant
 * read back equals the one written and keyset cursors stay exact). Tests of deadlines replace it with a clock they can
 * move (a {@code @Alternative} bean), never by waiting.
 */
@Singleton
public class ServiceClock {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
