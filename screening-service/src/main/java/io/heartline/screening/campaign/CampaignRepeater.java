package io.heartline.screening.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.heartline.platform.events.Ids;
import io.quarkus.scheduler.Scheduled;

/**
 * Opens the next month's campaign for every repeating campaign that has closed: same school, instrument and cohort,
 * opening and closing one calendar month later (in the schools' time zone, so "the 1st at 08:00" stays the 1st at
 * 08:00). Safe with several instances: each closed campaign is locked with {@code SKIP LOCKED} and linked to its
 * successor in the same transaction, so it repeats once. A service that was down for months catches up to the
 * current month, not to every month missed.
 */
@ApplicationScoped
public class CampaignRepeater {

    private static final Logger LOG = Logger.getLogger(CampaignRepeater.class);

    private final EntityManager em;
    private final Clock clock;
    private final ZoneId zone;

    CampaignRepeater(EntityManager em, Clock clock,
            @ConfigProperty(name = "heartline.screening.school-time-zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.em = em;
        this.clock = clock;
        this.zone = zone;
    }

    @Scheduled(every = "${heartline.screening.campaigns.repeat-every:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        repeatClosed();
    }

    /** Repeats every closed, not yet repeated campaign; returns how many it opened. */
    @Transactional
    public int repeatClosed() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("""
                SELECT id FROM campaign WHERE repeat IS NOT NULL AND repeated_by IS NULL AND closes_at <= ?1
                ORDER BY closes_at FOR UPDATE SKIP LOCKED LIMIT 100""", UUID.class)
                .setParameter(1, now).getResultList();
        for (UUID id : due) {
            Campaign c = Campaign.findById(id);
            Campaign next = successor(c, now);
            next.persist();
            c.repeatedBy = next.id;
            LOG.infof("Campaign %s repeats as %s (%s to %s)", c.id, next.id, next.opensAt, next.closesAt);
        }
        return due.size();
    }

    private Campaign successor(Campaign c, Instant now) {
        Instant opens = c.opensAt;
        Instant closes = c.closesAt;
        do {
            opens = plusMonth(opens);
            closes = plusMonth(closes);
        } while (!closes.isAfter(now));
        Campaign next = new Campaign();
        next.id = Ids.next();
        next.school = c.school;
        next.district = c.district;
        next.instrumentCode = c.instrumentCode;
        next.title = c.title;
        next.allStaff = c.allStaff;
        next.cohort = c.cohort;
        next.cohortRef = c.cohortRef;
        next.opensAt = opens;
        next.closesAt = closes;
        next.repeat = c.repeat;
        next.repeatOf = c.id;
        next.createdBy = c.createdBy;
        next.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        next.subjectIds = new LinkedHashSet<>(c.subjectIds);
        return next;
    }

    private Instant plusMonth(Instant t) {
        return t.atZone(zone).plusMonths(1).toInstant();
    }
}
