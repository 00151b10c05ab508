package io.heartline.referral.domain;

/** How fast the referrer says help is needed; screening referrals derive it from the risk level. */
public enum Urgency {
    ROUTINE, URGENT, EMERGENCY;

    /**
     * A screening carries no urgency of its own. CRITICAL means possible danger to life, so it is an emergency; HIGH is
     * urgent; anything lower is routine. Routing rules on urgency therefore apply to screenings too.
     */
    public static Urgency forRisk(RiskLevel risk) {
        return switch (risk) {
            case CRITICAL -> EMERGENCY;
            case HIGH -> URGENT;
            case NONE, LOW, MODERATE -> ROUTINE;
        };
    }
}
