package io.mediagate.contracts;

/** Where an upload-from-URL job is. */
public enum IngestStatus {
    PENDING, PROCESSING, READY, FAILED;

    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
