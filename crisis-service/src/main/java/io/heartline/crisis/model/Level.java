package io.heartline.crisis.model;

/** Crisis levels, in order: {@code GENERAL} < {@code MAJOR} < {@code EXTREME}. */
public enum Level {
    GENERAL, MAJOR, EXTREME
}
