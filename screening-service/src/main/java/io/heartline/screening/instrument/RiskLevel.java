package io.heartline.screening.instrument;

import java.util.Arrays;
import java.util.List;

/** {@code NONE < LOW < MODERATE < HIGH < CRITICAL}; CRITICAL means an answer showed possible danger to life. */
public enum RiskLevel {
    NONE, LOW, MODERATE, HIGH, CRITICAL;

    public boolean isAtLeast(RiskLevel other) {
        return compareTo(other) >= 0;
    }

    public RiskLevel max(RiskLevel other) {
        return isAtLeast(other) ? this : other;
    }

    /** This level and every higher one, e.g. for a worklist filter. */
    public List<RiskLevel> andAbove() {
        return Arrays.stream(values()).filter(l -> l.isAtLeast(this)).toList();
    }
}
