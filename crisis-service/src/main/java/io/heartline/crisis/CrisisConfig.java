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
