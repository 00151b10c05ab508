package io.heartline.referral.sla;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.heartline.referral.workflow.ReferralWorkflow;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The database side of the SLA sweep, and the transactions it runs in. */
@ApplicationScoped
public class SlaEscalations implements OverdueStages, Transactions {

    // A dummy id keeps "NOT IN (...)" valid when nothing is skipped.
    private static final UUID NONE = new UUID(0, 0);

    private final EntityManager em;
    private final ReferralWorkflow workflow;
    private final Clock clock;

    SlaEscalations(EntityManager em, ReferralWorkflow workflow, Clock clock) {
        this.clock = clock;
        this.em = em;
        this.workflow = workflow;
    }

    @Override
    public Optional<UUID> lockNextOverdue(Set<UUID> skip) {
        @SuppressWarnings("unchecked")
        var ids = (java.util.List<UUID>) em.createNativeQuery("""
                SELECT id FROM referral
                WHERE status IN ('PENDING', 'ACCEPTED', 'IN_PROGRESS') AND due_at < :now AND NOT sla_breached
                  AND id NOT IN (:skip)
                ORDER BY due_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED""", UUID.class)
                .setParameter("now", clock.instant())
                .setParameter("skip", skip.isEmpty() ? Set.of(NONE) : skip)
                .getResultList();
        return ids.stream().findFirst();
    }

    @Override
    public boolean escalate(UUID referralId) {
        return workflow.escalateOverdue(referralId);
    }

    @Override
    public <T> T inNewTransaction(java.util.function.Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    /** Referrals whose PENDING stage is past due and still unhandled: should stay near zero. */
    public long overdueCount() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM referral WHERE status IN ('PENDING', 'ACCEPTED', 'IN_PROGRESS') AND due_at < :now "
                        + "AND NOT sla_breached")
                .setParameter("now", clock.instant())
                .getSingleResult()).longValue());
    }
}
