package io.heartline.training.directory;

/** A school of a district; its id is the OneRoster org {@code sourcedId} (the token's {@code school} claim). */
public record School(String district, String schoolId, String name, boolean active) {
}
