package io.heartline.referral;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.heartline.referral.routing.EscalationWindows;

/** Plain domain objects built from configuration. */
public class ReferralBeans {

    @Produces
    @ApplicationScoped
    EscalationWindows escalationWindows(ReferralConfig config) {
        return new EscalationWindows(config.sla().escalationCap());
    }
}
