package io.heartline.referral.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A referral of one person up the chain. Its tier, status, due time and assignee are those of its current stage
 * ({@link ReferralStage}), kept here so that lists, scope checks and the SLA sweep read one row.
 */
@Entity
@Table(name = "referral")
public class Referral extends PanacheEntityBase {

    @Id
    public UUID id;
    public String subjectId;
    @Enumerated(EnumType.STRING)
    public SubjectType subjectType;
    public String district;
    /** Null only for a screening that came without a school; such referrals start at the district. */
    public String school;
    @Enumerated(EnumType.STRING)
    public Source source;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    /** Sensitive: screening referrals only. */
    @Enumerated(EnumType.STRING)
    public RiskLevel riskLevel;
    /** Sensitive: the screening's flag codes. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> flags;
    public UUID screeningId;
    /** Sensitive: the referrer's free text. */
    public String reason;
    public String routedBy;
    @Column(name = "accept_within_seconds")
    public long acceptWithinSeconds;
    public String createdBy;
    public String createdByRole;
    public Instant createdAt;
    public Instant updatedAt;

    public UUID currentStageId;
    @Enumerated(EnumType.STRING)
    public Tier tier;
    @Enumerated(EnumType.STRING)
    public StageStatus status;
    public Instant dueAt;
    public String assignee;
    public boolean slaBreached;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    @Version
    public long version;

    public Duration acceptWithin() {
        return Duration.ofSeconds(acceptWithinSeconds);
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    /** Mirrors the stage that has just become current. */
    public void moveTo(ReferralStage stage, Instant now) {
        currentStageId = stage.id;
        tier = stage.tier;
        status = stage.status;
        dueAt = stage.dueAt;
        assignee = stage.assignee;
        slaBreached = false;
        updatedAt = now;
    }

    /** Mirrors a change of the current stage's status, due time or assignee. */
    public void sync(ReferralStage stage, Instant now) {
        status = stage.status;
        dueAt = stage.dueAt;
        assignee = stage.assignee;
        updatedAt = now;
    }

    public AccessFacts accessFacts(ReferralStage teacherStage) {
        return new AccessFacts(subjectId, school, district, tier, assignee, teacherStage != null,
                teacherStage == null ? null : teacherStage.assignee,
                teacherStage == null ? null : teacherStage.offeredTo);
    }
}
