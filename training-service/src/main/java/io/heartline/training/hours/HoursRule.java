package io.heartline.training.hours;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

import io.heartline.training.directory.SchoolRole;

/**
 * The yearly hours rule (docs/training-records.md "Hours"): a person needs the largest requirement of the school roles
 * they hold (defaults: psychology teachers 40 h, class teachers 10 h, others 0; each district may set its own). A
 * psychology teacher also meets their requirement with at least two provincial academic conferences in the year, as
 * long as the hours still cover the requirement of their other roles.
 */
public final class HoursRule {

    public static final int PROVINCIAL_CONFERENCES_INSTEAD = 2;

    private HoursRule() {
    }

    public static BigDecimal required(Collection<SchoolRole> roles, Map<SchoolRole, BigDecimal> perRole) {
        return roles.stream().map(r -> perRole.getOrDefault(r, BigDecimal.ZERO)).reduce(BigDecimal.ZERO,
                BigDecimal::max);
    }

    public static boolean met(Collection<SchoolRole> roles, Map<SchoolRole, BigDecimal> perRole, BigDecimal credited,
            int provincialConferences) {
        if (credited.compareTo(required(roles, perRole)) >= 0) {
            return true;
        }
        if (roles.contains(SchoolRole.PSYCHOLOGY_TEACHER) && provincialConferences >= PROVINCIAL_CONFERENCES_INSTEAD) {
            BigDecimal others = required(roles.stream().filter(r -> r != SchoolRole.PSYCHOLOGY_TEACHER).toList(),
                    perRole);
            return credited.compareTo(others) >= 0;
        }
        return false;
    }
}
