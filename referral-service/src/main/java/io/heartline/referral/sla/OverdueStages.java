package io.heartline.referral.sla;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What the sweeper needs from the database; both methods run inside the sweeper's transaction. */
public interface OverdueStages {

    /**
     * Locks one referral whose PENDING stage is past due and not yet handled, skipping rows other transactions hold
     * ({@code FOR UPDATE SKIP LOCKED}) and the ids in {@code skip}.
     */
    Optional<UUID> lockNextOverdue(Set<UUID> skip);

    /** Escalates the locked referral; false when there was nothing to do after all. */
    boolean escalate(UUID referralId);
}
