package io.heartline.training.rosterimport;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** {@code heartline.training.imports.*} (application.properties explains each). */
@ConfigMapping(prefix = "heartline.training.imports")
public interface ImportConfig {
    int batchSize();

    double deactivationThreshold();

    io.quarkus.runtime.configuration.MemorySize maxUploadSize();

    int maxErrorsListed();

    Duration lease();

    Duration pollInterval();
}
