package io.heartline.referral.routing;

import java.time.Duration;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import io.heartline.referral.domain.RiskLevel;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Tier;
import io.heartline.referral.domain.Urgency;

/** A stored routing rule (one row of {@code routing_rule}). */
@Embeddable
public class RuleRow {

    @Enumerated(EnumType.STRING)
    public RiskLevel riskLevel;
    @Enumerated(EnumType.STRING)
    public SubjectType subjectType;
    @Enumerated(EnumType.STRING)
    public Source source;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    @Enumerated(EnumType.STRING)
    public Tier tier;
    /** ISO-8601, as the client wrote it after normalisation. */
    public String acceptWithin;

    public static RuleRow of(RoutingRule r) {
        RuleRow row = new RuleRow();
        row.riskLevel = r.riskLevel();
        row.subjectType = r.subjectType();
        row.source = r.source();
        row.urgency = r.urgency();
        row.tier = r.tier();
        row.acceptWithin = r.acceptWithin().toString();
        return row;
    }

    public RoutingRule toRule() {
        return new RoutingRule(riskLevel, subjectType, source, urgency, tier, Duration.parse(acceptWithin));
    }
}
