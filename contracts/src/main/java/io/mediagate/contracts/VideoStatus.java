package io.mediagate.contracts;

/** Lifecycle of a video: still being processed, playable, or failed for good. */
public enum VideoStatus {
    PROCESSING, READY, FAILED;

    /** The wire value, lower-case as the normalized API spells it. */
    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
