package io.mediagate.gateway.events;

/** The kinds of change event, with their wire names. */
public enum EventType {
    VIDEO_CREATED("video.created"),
    VIDEO_UPDATED("video.updated"),
    VIDEO_DELETED("video.deleted"),
    INGEST_READY("ingest.ready"),
    INGEST_FAILED("ingest.failed");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The type with this wire name, or null. */
    public static EventType fromWire(String wire) {
        for (EventType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        return null;
    }
}
