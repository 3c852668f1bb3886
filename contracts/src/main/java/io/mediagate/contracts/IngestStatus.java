package io.mediagate.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an upload-from-URL job is. */
public enum IngestStatus {
    PENDING,
    PROCESSING,
    READY,
    FAILED;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
