package io.heartline.screening.instrument;

/** A score of a result: the sum of scored items, their mean, or the sum times a multiplier (WHO-5: raw x 4). */
public enum Metric {
    TOTAL, MEAN, PERCENTAGE
}
