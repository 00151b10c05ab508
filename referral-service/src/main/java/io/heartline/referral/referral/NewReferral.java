package io.heartline.referral.referral;

import java.util.List;
import java.util.UUID;

import io.heartline.referral.domain.RiskLevel;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Urgency;
import io.heartline.referral.routing.RoutingFacts;

/**
 * A referral about to be opened, by hand or from a screening.
 *
 * @param riskLevel, flags, screeningId only for referrals from a screening
 * @param reason the referrer's free text (manual referrals)
 */
public record NewReferral(String subjectId, SubjectType subjectType, String school, String district, Source source,
        Urgency urgency, RiskLevel riskLevel, List<String> flags, UUID screeningId, String reason) {

    public RoutingFacts routingFacts() {
        return riskLevel == null ? RoutingFacts.manual(subjectType, source, urgency)
                : RoutingFacts.screening(riskLevel, subjectType);
    }
}
