package io.heartline.training.rosterimport;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One upload and its job, as {@code roster_import} holds it. */
public record RosterImport(UUID id, String district, ImportFormat format, boolean dryRun, ImportState state,
        String requestedBy, Instant createdAt, Instant startedAt, Instant finishedAt, int rowsDone, Integer rowsTotal,
        Map<String, Long> counts, Held held, String confirmedBy, String failure, String requestId) {

    /** Why an import waits for confirmation: it would deactivate more than the threshold allows. */
    public record Held(long deactivations, long activePeople, double threshold) {
    }
}
