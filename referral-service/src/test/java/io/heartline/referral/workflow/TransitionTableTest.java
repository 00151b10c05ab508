package io.heartline.referral.workflow;

import io.heartline.referral.domain.Action;
import io.heartline.referral.domain.StageStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (status, action) pair: the legal moves of API.md and "-" (409) for all the others. */
class TransitionTableTest {

    // Rows: from-status. Columns: ACCEPT, START, COMPLETE, DECLINE, ESCALATE, CANCEL, ASSIGN.
    private static final String TABLE = """
            PENDING     | ACCEPTED | -           | -         | DECLINED | ESCALATED | CANCELLED | PENDING
            ACCEPTED    | -        | IN_PROGRESS | -         | -        | ESCALATED | CANCELLED | ACCEPTED
            IN_PROGRESS | -        | -           | COMPLETED | -        | ESCALATED | CANCELLED | IN_PROGRESS
            COMPLETED   | -        | -           | -         | -        | -         | -         | -
            DECLINED    | -        | -           | -         | -        | -         | -         | -
            ESCALATED   | -        | -           | -         | -        | -         | -         | -
            CANCELLED   | -        | -           | -         | -        | -         | -         | -
            """;
    private static final Action[] COLUMNS = { Action.ACCEPT, Action.START, Action.COMPLETE, Action.DECLINE,
            Action.ESCALATE, Action.CANCEL, Action.ASSIGN };

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] cells = line.split("\\|");
            StageStatus from = StageStatus.valueOf(cells[0].strip());
            for (int i = 0; i < COLUMNS.length; i++) {
                String to = cells[i + 1].strip();
                pairs.add(Arguments.of(from, COLUMNS[i], to.equals("-") ? null : StageStatus.valueOf(to)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("everyPair")
    void move(StageStatus from, Action action, StageStatus expected) {
        assertEquals(Optional.ofNullable(expected), TransitionTable.next(from, action));
    }

    @org.junit.jupiter.api.Test
    void theTableCoversEveryStatusAndAction() {
        assertEquals(StageStatus.values().length * Action.values().length, everyPair().count());
    }
}
