package io.heartline.crisis.model;

/** Interventions recorded on a case. All but the last two count as the level-2 intervention. */
public enum ActionKind {
    SESSION, FAMILY_CONTACTED, GUARDIAN_INFORMED, EXTERNAL_INSTITUTION, HOSPITAL_ESCORT, WORKLOAD_RELIEF,
    DISTRICT_INFORMED, GROUP_DEBRIEF;

    public boolean meetsLevel2() {
        return this != DISTRICT_INFORMED && this != GROUP_DEBRIEF;
    }
}
