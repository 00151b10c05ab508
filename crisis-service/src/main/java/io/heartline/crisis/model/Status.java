package io.heartline.crisis.model;

/** Case states (API.md): OPEN → CONTACTED → TRIAGED → FOLLOW_UP → CLOSED; a reopened case goes back to TRIAGED. */
public enum Status {
    OPEN, CONTACTED, TRIAGED, FOLLOW_UP, CLOSED
}
