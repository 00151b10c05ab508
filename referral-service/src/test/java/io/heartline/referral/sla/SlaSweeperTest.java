package io.heartline.referral.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** The sweep loop without a database; the locking itself is proved against PostgreSQL in SlaEscalationTest. */
class SlaSweeperTest {

    /** In-memory overdue ids; escalating removes one, "broken" ids always fail. */
    static final class FakeStages implements OverdueStages, Transactions {
        final Set<UUID> overdue = new LinkedHashSet<>();
        final Set<UUID> broken = new LinkedHashSet<>();
        final List<UUID> escalated = new ArrayList<>();
        int transactions;
        boolean lookupFails;

        @Override
        public Optional<UUID> lockNextOverdue(Set<UUID> skip) {
            if (lookupFails) {
                throw new IllegalStateException("database away");
            }
            return overdue.stream().filter(id -> !skip.contains(id)).findFirst();
        }

        @Override
        public boolean escalate(UUID id) {
            if (broken.contains(id)) {
                throw new IllegalStateException("cannot escalate " + id);
            }
            overdue.remove(id);
            escalated.add(id);
            return true;
        }

        @Override
        public <T> T inNewTransaction(Supplier<T> work) {
            transactions++;
            return work.get();
        }
    }

    @Test
    void escalatesEveryOverdueStageOnceEachInItsOwnTransaction() {
        FakeStages f = new FakeStages();
        for (int i = 0; i < 5; i++) {
            f.overdue.add(UUID.randomUUID());
        }
        List<UUID> expected = List.copyOf(f.overdue);
        assertEquals(5, new SlaSweeper(f, f, 100).sweepOnce());
        assertEquals(expected, f.escalated);
        assertEquals(6, f.transactions, "five escalations and one that found nothing");
        assertEquals(0, new SlaSweeper(f, f, 100).sweepOnce());
    }

    @Test
    void aFailingReferralIsSkippedAndTheOthersStillEscalate() {
        FakeStages f = new FakeStages();
        UUID bad = UUID.randomUUID();
        f.overdue.add(bad);
        f.broken.add(bad);
        UUID good = UUID.randomUUID();
        f.overdue.add(good);
        assertEquals(1, new SlaSweeper(f, f, 100).sweepOnce());
        assertEquals(List.of(good), f.escalated);
        assertEquals(Set.of(bad), f.overdue, "left for the next sweep");
    }

    @Test
    void stopsAtTheLimitPerSweep() {
        FakeStages f = new FakeStages();
        for (int i = 0; i < 10; i++) {
            f.overdue.add(UUID.randomUUID());
        }
        assertEquals(3, new SlaSweeper(f, f, 3).sweepOnce());
        assertEquals(7, f.overdue.size());
    }

    @Test
    void aFailingLookupFailsTheSweep() {
        FakeStages f = new FakeStages();
        f.lookupFails = true;
        assertThrows(IllegalStateException.class, () -> new SlaSweeper(f, f, 3).sweepOnce());
    }
}
