package io.heartline.referral.routing;

import io.heartline.referral.domain.Tier;

import java.time.Duration;

/**
 * Where a referral goes and how long that tier has to accept it.
 *
 * @param matchedBy which rule decided, e.g. {@code SCHOOL[0]}, {@code DISTRICT[3]} or {@code FALLBACK}
 */
public record Route(Tier tier, Duration acceptWithin, String matchedBy) {
}
