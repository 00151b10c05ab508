package io.heartline.screening.scoring;

/** One answer as stored: the item number and the value chosen (before any reverse scoring). */
public record Answer(int item, int value) {
}
