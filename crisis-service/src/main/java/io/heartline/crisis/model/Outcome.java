package io.heartline.crisis.model;

public enum Outcome {
    RECOVERED, ONGOING_CARE, REFERRED_EXTERNALLY, NOT_RECOVERED
}
