package io.heartline.training.directory;

/** What applying a source's record did (or, in a dry run, would do) to the directory. */
public enum Change {
    CREATED, UPDATED, REKEYED, REACTIVATED, DEACTIVATED, UNCHANGED, ERROR;

    /** The key of the import report's {@code counts}. */
    public String countKey() {
        return name().toLowerCase(java.util.Locale.ROOT) + (this == ERROR ? "s" : "");
    }
}
