package io.heartline.referral.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.heartline.platform.events.Ids;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One tier's turn with a referral: routed (PENDING) with a time to accept, then worked or handed on. */
@Entity
@Table(name = "referral_stage")
public class ReferralStage extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID referralId;
    public int seq;
    @Enumerated(EnumType.STRING)
    public Tier tier;
    @Enumerated(EnumType.STRING)
    public StageStatus status;
    public Instant dueAt;
    public String assignee;
    /** CLASS_TEACHER stages: the student's class teachers it was offered to; null on stages from before the directory. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> offeredTo;
    public Instant openedAt;
    public Instant acceptedAt;
    public Instant closedAt;

    public static ReferralStage open(UUID referralId, int seq, Tier tier, Instant now, Instant dueAt) {
        ReferralStage s = new ReferralStage();
        s.id = Ids.next();
        s.referralId = referralId;
        s.seq = seq;
        s.tier = tier;
        s.status = StageStatus.PENDING;
        s.openedAt = now;
        s.dueAt = dueAt;
        return s;
    }

    public static List<ReferralStage> of(UUID referralId) {
        return list("referralId = ?1 order by seq", referralId);
    }

    /** The class-teacher stage, if the referral had one (it can only be the first). */
    public static ReferralStage teacherStageOf(UUID referralId) {
        return find("referralId = ?1 and tier = ?2", referralId, Tier.CLASS_TEACHER).firstResult();
    }
}
