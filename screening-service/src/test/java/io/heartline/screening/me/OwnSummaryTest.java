package io.heartline.screening.me;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.result.ResultViews.Direction;
import io.heartline.screening.scoring.Answer;
import io.heartline.screening.support.Definitions;

/** The summary's wording and the lowest areas, without Quarkus. */
class OwnSummaryTest {

    private static final List<OwnViews.Area> AREAS = List.of(new OwnViews.Area(2, "我的睡眠", 2, "较差"));

    @Test
    void attentionPointsKindlyToThePsychologyTeacherWithoutAlarmingWords() {
        String zh = OwnSummary.of("zh-CN", "教职工月度心理健康自评", true, 3, Direction.WORSENING, true, AREAS);
        assertTrue(zh.contains("最近 3 次「教职工月度心理健康自评」"), zh);
        assertTrue(zh.contains("本月您评分相对较低的方面是：「我的睡眠」（较差）。"), zh);
        assertTrue(zh.contains("心理老师"), zh);
        String en = OwnSummary.of("en", "Staff monthly", true, 3, Direction.WORSENING, true,
                List.of(new OwnViews.Area(2, "My sleep", 2, "Poor")));
        assertTrue(en.contains("This month, the areas you rated lowest were: My sleep (Poor)."), en);
        assertTrue(en.contains("psychology teacher"), en);
        for (String text : List.of(zh, en)) {
            for (String alarming : List.of("危险", "危机", "抑郁", "异常", "CRITICAL", "HIGH", "danger", "crisis",
                    "depress", "disorder", "abnormal", "MODERATE", "NEEDS_ATTENTION")) {
                assertFalse(text.contains(alarming), alarming + " in " + text);
            }
        }
    }

    @Test
    void eachDirectionHasItsOwnWordsAndWellIsSaidAsSuch() {
        assertTrue(OwnSummary.of("en", "T", false, 1, Direction.SINGLE_RESULT, false, List.of())
                .contains("This is your first result"));
        assertTrue(OwnSummary.of("en", "T", false, 2, Direction.IMPROVING, false, List.of()).contains("looking better"));
        assertTrue(OwnSummary.of("en", "T", false, 2, Direction.STABLE, false, List.of()).contains("about the same"));
        assertTrue(OwnSummary.of("zh-CN", "T", false, 2, Direction.STABLE, false, List.of()).contains("基本稳定"));
        assertTrue(OwnSummary.of("zh-CN", "T", false, 2, Direction.IMPROVING, false, List.of()).contains("状态良好"));
        assertFalse(OwnSummary.of("en", "T", false, 2, Direction.STABLE, false, AREAS).contains("This month"));
    }

    @Test
    void lowestAreasAreTheLowestRatedItemsNotAtTheirBestAtMostThree() {
        Instrument monthly = Definitions.get("STAFF-MONTHLY");
        List<Answer> answers = List.of(new Answer(1, 3), new Answer(2, 2), new Answer(3, 5), new Answer(4, 2),
                new Answer(5, 4), new Answer(6, 1), new Answer(7, 5), new Answer(8, 5), new Answer(9, 5),
                new Answer(10, 5));
        List<OwnViews.Area> areas = OwnScreeningsResource.lowestAreas(monthly, null, answers);
        assertEquals(List.of(6, 2, 4), areas.stream().map(OwnViews.Area::item).toList());
        assertEquals("My relationships with students and families", areas.get(0).text());
        assertEquals("Very poor", areas.get(0).label());
        List<Answer> allBest = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> new Answer(i, 5)).toList();
        assertTrue(OwnScreeningsResource.lowestAreas(monthly, null, allBest).isEmpty());
    }
}
