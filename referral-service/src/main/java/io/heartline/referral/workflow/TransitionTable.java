package io.heartline.referral.workflow;

import io.heartline.referral.domain.Action;
import io.heartline.referral.domain.StageStatus;

import static io.heartline.referral.domain.StageStatus.ACCEPTED;
import static io.heartline.referral.domain.StageStatus.CANCELLED;
import static io.heartline.referral.domain.StageStatus.COMPLETED;
import static io.heartline.referral.domain.StageStatus.DECLINED;
import static io.heartline.referral.domain.StageStatus.ESCALATED;
import static io.heartline.referral.domain.StageStatus.IN_PROGRESS;
import static io.heartline.referral.domain.StageStatus.PENDING;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stage state machine (API.md): {@code PENDING → ACCEPTED → IN_PROGRESS → COMPLETED}; from {@code PENDING} also
 * {@code DECLINED}; from any open state {@code ESCALATED} or {@code CANCELLED}. Assignment keeps the status. Every
 * pair not listed is illegal (409).
 */
public final class TransitionTable {

    private static final Map<StageStatus, Map<Action, StageStatus>> MOVES = new EnumMap<>(StageStatus.class);

    static {
        allow(PENDING, Action.ACCEPT, ACCEPTED);
        allow(PENDING, Action.DECLINE, DECLINED);
        allow(ACCEPTED, Action.START, IN_PROGRESS);
        allow(IN_PROGRESS, Action.COMPLETE, COMPLETED);
        for (StageStatus open : new StageStatus[] { PENDING, ACCEPTED, IN_PROGRESS }) {
            allow(open, Action.ESCALATE, ESCALATED);
            allow(open, Action.CANCEL, CANCELLED);
            allow(open, Action.ASSIGN, open);
        }
    }

    private TransitionTable() {
    }

    private static void allow(StageStatus from, Action action, StageStatus to) {
        MOVES.computeIfAbsent(from, f -> new EnumMap<>(Action.class)).put(action, to);
    }

    /** The status the action leads to, or empty when the action is illegal from {@code from}. */
    public static Optional<StageStatus> next(StageStatus from, Action action) {
        return Optional.ofNullable(MOVES.getOrDefault(from, Map.of()).get(action));
    }
}
