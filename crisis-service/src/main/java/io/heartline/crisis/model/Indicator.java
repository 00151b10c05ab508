package io.heartline.crisis.model;

/** The 12 indicators in 3 dimensions (API.md); reports carry these codes, never free text. */
public enum Indicator {
    EMOTION_LOW_MOOD, EMOTION_IRRITABLE, EMOTION_ANXIOUS, EMOTION_WITHDRAWN,
    BEHAVIOUR_SUDDEN_ABSENCE, BEHAVIOUR_PERFORMANCE_DROP, BEHAVIOUR_DISRUPTED_ROUTINE,
    BEHAVIOUR_SELF_HARM_OR_HARM_TO_OTHERS,
    SPEECH_LIFE_MEANINGLESS, SPEECH_CANNOT_GO_ON, SPEECH_SAYING_GOODBYE, SPEECH_EVERYTHING_POINTLESS;

    public static boolean isCode(String s) {
        for (Indicator i : values()) {
            if (i.name().equals(s)) {
                return true;
            }
        }
        return false;
    }
}
