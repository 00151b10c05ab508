package io.heartline.training.schools;

/** {@code GET /api/v1/schools/{id}}: the school and its counts, no names of people. */
public record SchoolView(String id, String name, boolean active, SchoolCounts counts) {
}
