package io.heartline.crisis.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The case state machine as a pure table: for a state and an action, the state after it, or empty when the action is
 * illegal there (409). Guards that need more than the state (TEAM and WATCH_SHIFT need level EXTREME) live in the
 * service.
 */
public final class CaseRules {

    private static final Map<Status, Map<CaseAction, Status>> TABLE = new EnumMap<>(Status.class);

    static {
        allow(Status.OPEN, CaseAction.CONTACT, Status.CONTACTED);
        allow(Status.OPEN, CaseAction.LEAD, Status.OPEN);
        allow(Status.OPEN, CaseAction.ACTION, Status.OPEN);
        allow(Status.OPEN, CaseAction.LINK_SOURCE, Status.OPEN);

        allow(Status.CONTACTED, CaseAction.CONTACT, Status.CONTACTED);
        allow(Status.CONTACTED, CaseAction.TRIAGE, Status.TRIAGED);
        allow(Status.CONTACTED, CaseAction.LEAD, Status.CONTACTED);
        allow(Status.CONTACTED, CaseAction.ACTION, Status.CONTACTED);
        allow(Status.CONTACTED, CaseAction.CLOSE, Status.CLOSED);
        allow(Status.CONTACTED, CaseAction.LINK_SOURCE, Status.CONTACTED);

        for (Status s : new Status[] { Status.TRIAGED, Status.FOLLOW_UP }) {
            allow(s, CaseAction.CONTACT, s);
            allow(s, CaseAction.TRIAGE, s);
            allow(s, CaseAction.LEAD, s);
            allow(s, CaseAction.TEAM, s);
            allow(s, CaseAction.WATCH_SHIFT, s);
            allow(s, CaseAction.ACTION, s);
            allow(s, CaseAction.CLOSE, Status.CLOSED);
            allow(s, CaseAction.LINK_SOURCE, s);
        }
        allow(Status.TRIAGED, CaseAction.FOLLOW_UP_PLAN, Status.FOLLOW_UP);
        allow(Status.FOLLOW_UP, CaseAction.CHECK_IN, Status.FOLLOW_UP);

        allow(Status.CLOSED, CaseAction.REOPEN, Status.TRIAGED);
    }

    private CaseRules() {
    }

    private static void allow(Status from, CaseAction action, Status to) {
        TABLE.computeIfAbsent(from, k -> new EnumMap<>(CaseAction.class)).put(action, to);
    }

    public static Optional<Status> next(Status from, CaseAction action) {
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(action));
    }

    /**
     * The level the three factors suggest. Each factor is 1 (good) to 3 (bad): impact on daily life (1 little,
     * 3 cannot function), coping capacity (1 copes, 3 overwhelmed), support system (1 strong, 3 none). A sum of 3–4 is
     * GENERAL, 5–7 MAJOR, 8–9 EXTREME; severe impact together with no coping is EXTREME whatever the support.
     */
    public static Level suggest(int impact, int coping, int support) {
        for (int f : new int[] { impact, coping, support }) {
            if (f < 1 || f > 3) {
                throw new IllegalArgumentException("factors are 1 to 3");
            }
        }
        if (impact == 3 && coping == 3) {
            return Level.EXTREME;
        }
        int sum = impact + coping + support;
        return sum <= 4 ? Level.GENERAL : sum <= 7 ? Level.MAJOR : Level.EXTREME;
    }
}
