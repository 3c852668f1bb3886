package io.mediagate.gateway.security;

/** What a client may do: read videos, change videos, use raw passthrough, check connections (admin), or receive change events. */
public enum Scope {
    VIDEOS_READ("videos:read"),
    VIDEOS_WRITE("videos:write"),
    RAW("raw"),
    ADMIN("admin"),
    EVENTS_READ("events:read");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Scope fromWire(String wire) {
        for (Scope s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope " + wire);
    }
}
