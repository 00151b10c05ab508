package io.heartline.referral.routing;

import java.util.Objects;

import io.heartline.referral.domain.RiskLevel;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Urgency;

/** What routing looks at. {@code riskLevel} is null for referrals made by hand. */
public record RoutingFacts(RiskLevel riskLevel, SubjectType subjectType, Source source, Urgency urgency) {

    public RoutingFacts {
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(urgency, "urgency");
    }

    public static RoutingFacts screening(RiskLevel risk, SubjectType subjectType) {
        return new RoutingFacts(risk, subjectType, Source.SCREENING, Urgency.forRisk(risk));
    }

    public static RoutingFacts manual(SubjectType subjectType, Source source, Urgency urgency) {
        return new RoutingFacts(null, subjectType, source, urgency);
    }
}
