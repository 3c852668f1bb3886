package io.mediagate.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Lifecycle of a video: still being processed, playable, or failed for good. */
public enum VideoStatus {
    PROCESSING,
    READY,
    FAILED;

    /** The wire value, lower-case as the normalized API spells it. */
    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
