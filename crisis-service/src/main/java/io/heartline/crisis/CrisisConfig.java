package io.heartline.crisis;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heartline.crisis.*} (application.properties, docs/crisis.md). */
@ConfigMapping(prefix = "heartline.crisis")
public interface CrisisConfig {

    @WithDefault("PT2H")
    Duration firstContactWithin();

    @WithDefault("PT30M")
    Duration lateReportAfter();

    @WithDefault("PT24H")
    Duration level2Within();

    @WithDefault("10")
    int watchGapMinutes();

    Sweep sweep();

    Alerts alerts();

    /** {@code heartline.crisis.alerts.*}: escalation sweep and live streams (docs/crisis.md "Alerts"). */
    interface Alerts {
        @WithDefault("5s")
        String sweepInterval();

        /** SSE comment line this often, so that proxies (and the gateway's idle timeout) keep a stream open. */
        @WithDefault("PT15S")
        Duration heartbeat();

        /** The stream hub re-reads the feed this often even without a NOTIFY (a safety net). */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** Whether the hub LISTENs on PostgreSQL for feed changes (else it only polls). */
        @WithDefault("true")
        boolean listen();

        /**
         * Stream feed rows ({@code alert_change}) older than this are deleted: a stream resumed with an older
         * {@code Last-Event-ID} replays what is left; the alerts themselves (who was paged, who answered) are kept.
         */
        @WithDefault("P7D")
        Duration feedRetention();
    }

    interface Sweep {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("15s")
        String interval();

        @WithDefault("500")
        int maxPerSweep();

        @WithDefault("PT2M")
        Duration staleAfter();
    }
}
