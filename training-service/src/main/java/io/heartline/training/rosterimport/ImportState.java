package io.heartline.training.rosterimport;

/**
 * {@code VALIDATING} (read and checked; a dry run also computes its report here) → {@code DRY_RUN_DONE}, or →
 * {@code APPLYING} → {@code DONE}; a file deactivating more than the threshold stops at {@code HELD} before any write
 * until confirmed; {@code FAILED} when the upload cannot be read at all.
 */
public enum ImportState {
    VALIDATING, DRY_RUN_DONE, APPLYING, HELD, DONE, FAILED;

    public boolean runnable() {
        return this == VALIDATING || this == APPLYING;
    }
}
