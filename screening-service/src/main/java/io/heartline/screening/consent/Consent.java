package io.heartline.screening.consent;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A recorded consent to screening; withdrawn, never deleted. */
@Entity
@Table(name = "consent")
public class Consent extends PanacheEntityBase {

    public enum Scope {
        CAMPAIGN, STANDING
    }

    public enum GivenBy {
        GUARDIAN, SELF
    }

    public enum Method {
        PAPER, ONLINE, VERBAL
    }

    @Id
    public UUID id;
    public String district;
    public String school;
    @Column(name = "subject_id")
    public String subjectId;
    @Enumerated(EnumType.STRING)
    public Scope scope;
    @Column(name = "campaign_id")
    public UUID campaignId;
    @Enumerated(EnumType.STRING)
    @Column(name = "given_by")
    public GivenBy givenBy;
    @Column(name = "guardian_id")
    public String guardianId;
    @Enumerated(EnumType.STRING)
    public Method method;
    @Column(name = "given_at")
    public Instant givenAt;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;
    @Column(name = "withdrawn_reason")
    public String withdrawnReason;
    @Column(name = "withdrawn_by")
    public String withdrawnBy;
    @Column(name = "withdrawal_recorded_at")
    public Instant withdrawalRecordedAt;

    ConsentRule.Fact fact() {
        return new ConsentRule.Fact(id, scope, campaignId, givenBy, givenAt, withdrawnAt);
    }
}
