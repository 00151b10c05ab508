package io.heartline.referral.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.heartline.referral.domain.Tier;

class EscalationWindowsTest {

    @Test
    void anEscalatedStageKeepsTheRoutedTimeUnlessTheTierCapIsShorter() {
        EscalationWindows windows = new EscalationWindows(Map.of());
        assertEquals(Duration.ofHours(2), windows.windowFor(Tier.DISTRICT_CENTRE, Duration.ofHours(2)));
        assertEquals(Duration.ofHours(24), windows.windowFor(Tier.SCHOOL_CENTRE, Duration.ofHours(48)));
        assertEquals(Duration.ofHours(48), windows.windowFor(Tier.SCHOOL_PSYCHOLOGIST, Duration.ofHours(72)));
    }

    @Test
    void capsAreConfigurablePerTier() {
        EscalationWindows windows = new EscalationWindows(Map.of("HOSPITAL", Duration.ofHours(4)));
        assertEquals(Duration.ofHours(4), windows.windowFor(Tier.HOSPITAL, Duration.ofHours(24)));
        assertEquals(Duration.ofHours(24), windows.windowFor(Tier.DISTRICT_CENTRE, Duration.ofHours(48)));
        assertThrows(IllegalArgumentException.class, () -> new EscalationWindows(Map.of("NURSE", Duration.ofHours(1))));
        assertThrows(IllegalArgumentException.class, () -> new EscalationWindows(Map.of("HOSPITAL", Duration.ZERO)));
    }

    @Test
    void theChainGoesUpAndADecliningHospitalHandsBackToTheDistrictCentre() {
        assertEquals(Optional.of(Tier.SCHOOL_PSYCHOLOGIST), Tier.CLASS_TEACHER.next());
        assertEquals(Optional.of(Tier.SCHOOL_CENTRE), Tier.SCHOOL_PSYCHOLOGIST.next());
        assertEquals(Optional.of(Tier.DISTRICT_CENTRE), Tier.SCHOOL_CENTRE.next());
        assertEquals(Optional.of(Tier.HOSPITAL), Tier.DISTRICT_CENTRE.next());
        assertEquals(Optional.empty(), Tier.HOSPITAL.next());
        assertEquals(Tier.SCHOOL_PSYCHOLOGIST, Tier.CLASS_TEACHER.afterDecline());
        assertEquals(Tier.HOSPITAL, Tier.DISTRICT_CENTRE.afterDecline());
        assertEquals(Tier.DISTRICT_CENTRE, Tier.HOSPITAL.afterDecline());
        assertEquals(Tier.DISTRICT_CENTRE, Tier.SCHOOL_PSYCHOLOGIST.atLeast(Tier.DISTRICT_CENTRE));
        assertEquals(Tier.HOSPITAL, Tier.HOSPITAL.atLeast(Tier.DISTRICT_CENTRE));
    }
}
