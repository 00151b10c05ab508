package io.heartline.platform.events;

/** One topic per producing service (CONVENTIONS "Events"). */
public final class Topics {
    public static final String SCREENING = "heartline.screening";
    public static final String REFERRAL = "heartline.referral";
    public static final String CRISIS = "heartline.crisis";
    public static final String TRAINING = "heartline.training";

    private Topics() {
    }

    /** Dead-letter topic of one consumer of a topic: {@code <topic>.<consumer>.dlq}. */
    public static String deadLetter(String topic, String consumer) {
        return topic + "." + consumer + ".dlq";
    }
}
