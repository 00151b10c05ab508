package io.heartline.screening.me;

import java.util.List;
import java.util.stream.Collectors;

import io.heartline.screening.instrument.Languages;
import io.heartline.screening.result.ResultViews.Direction;

/**
 * The plain-language summary of one instrument's results for the person themselves (the plans' 自动生成评估报告): how
 * the latest result compares with the one before, which areas were lowest, and whether to seek support. Worded
 * kindly and never alarming: it names no score band, no diagnosis and no flag; a result needing attention points to
 * the school's psychology teacher. Plain logic, in {@code zh-CN} or {@code en}.
 */
public final class OwnSummary {

    private OwnSummary() {
    }

    /**
     * @param monthly the instrument is taken monthly (STAFF-MONTHLY): say "this month" rather than "this time"
     * @param results how many results the trend was drawn from
     */
    public static String of(String language, String title, boolean monthly, int results, Direction direction,
            boolean needsAttention, List<OwnViews.Area> lowestAreas) {
        return Languages.EN.equals(language) ? en(title, monthly, results, direction, needsAttention, lowestAreas)
                : zh(title, monthly, results, direction, needsAttention, lowestAreas);
    }

    private static String zh(String title, boolean monthly, int results, Direction direction, boolean needsAttention,
            List<OwnViews.Area> areas) {
        StringBuilder s = new StringBuilder();
        s.append("这是根据您最近 ").append(results).append(" 次「").append(title).append("」自评生成的小结。");
        s.append(switch (direction) {
            case IMPROVING -> "与上一次相比，您的状态有所好转，这很值得肯定。";
            case STABLE -> "与上一次相比，您的状态基本稳定。";
            case WORSENING -> "与上一次相比，这次的结果略有下降。状态有起伏是很常见的，也提醒我们多照顾自己一些。";
            case SINGLE_RESULT -> "这是您的第一次结果，之后的自评会帮助您看到自己的变化。";
        });
        if (!areas.isEmpty()) {
            s.append(monthly ? "本月" : "这次").append("您评分相对较低的方面是：")
                    .append(areas.stream().map(a -> "「" + a.text() + "」（" + a.label() + "）")
                            .collect(Collectors.joining("、")))
                    .append("。");
        }
        if (needsAttention) {
            s.append("这次的结果提示您近来可能承受了不少压力。您不必独自面对，欢迎联系学校的心理老师聊一聊，"
                    + "寻求支持本身就是照顾自己的一种方式。");
        } else {
            s.append("整体来看，您目前的状态良好。请继续照顾好自己；如果有需要，学校的心理老师随时愿意倾听。");
        }
        return s.toString();
    }

    private static String en(String title, boolean monthly, int results, Direction direction, boolean needsAttention,
            List<OwnViews.Area> areas) {
        StringBuilder s = new StringBuilder();
        s.append("This summary is based on your last ").append(results).append(results == 1 ? " result" : " results")
                .append(" of \"").append(title).append("\". ");
        s.append(switch (direction) {
            case IMPROVING -> "Compared with last time, things are looking better for you, which is good to see. ";
            case STABLE -> "Compared with last time, things are about the same for you. ";
            case WORSENING -> "Compared with last time, your result is a little lower. Ups and downs are common, and "
                    + "this is a gentle reminder to look after yourself. ";
            case SINGLE_RESULT -> "This is your first result; the next ones will help you see how things change. ";
        });
        if (!areas.isEmpty()) {
            s.append(monthly ? "This month, the areas you rated lowest were: " : "This time, the areas you rated lowest were: ")
                    .append(areas.stream().map(a -> a.text() + " (" + a.label() + ")").collect(Collectors.joining(", ")))
                    .append(". ");
        }
        if (needsAttention) {
            s.append("Your answers suggest you may have been under some strain lately. You don't have to face it alone: "
                    + "you are welcome to talk to your school's psychology teacher, and reaching out is itself a way "
                    + "of looking after yourself.");
        } else {
            s.append("Overall, you seem to be doing well. Keep looking after yourself, and if you ever want to talk, "
                    + "your school's psychology teacher is there to listen.");
        }
        return s.toString();
    }
}
