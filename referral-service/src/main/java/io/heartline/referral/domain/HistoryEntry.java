package io.heartline.referral.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.heartline.platform.events.Ids;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One change of a referral's stage: who, when, which tier, from which status to which, and why. Append-only. */
@Entity
@Immutable
@Table(name = "referral_history")
public class HistoryEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID referralId;
    public UUID stageId;
    public Instant at;
    public String actor;
    public String actorRole;
    @Enumerated(EnumType.STRING)
    public Tier tier;
    @Enumerated(EnumType.STRING)
    public StageStatus fromStatus;
    @Enumerated(EnumType.STRING)
    public StageStatus toStatus;
    public String reasonCode;
    /** Sensitive free text; shown only in the full view. */
    public String reason;
    public String assignee;

    public static HistoryEntry record(ReferralStage stage, Actor actor, Instant at, StageStatus from, String reasonCode,
            String reason) {
        HistoryEntry h = new HistoryEntry();
        h.id = Ids.next();
        h.referralId = stage.referralId;
        h.stageId = stage.id;
        h.at = at;
        h.actor = actor.id();
        h.actorRole = actor.role();
        h.tier = stage.tier;
        h.fromStatus = from;
        h.toStatus = stage.status;
        h.reasonCode = reasonCode;
        h.reason = reason;
        h.assignee = stage.assignee;
        h.persist();
        return h;
    }

    public static List<HistoryEntry> of(UUID referralId) {
        return list("referralId = ?1 order by at, id", referralId);
    }
}
