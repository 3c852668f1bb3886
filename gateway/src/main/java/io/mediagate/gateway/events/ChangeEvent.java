package io.mediagate.gateway.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * One change event as subscribers see it. {@code id} is stable and increases with every event (so it orders the
 * events of each connection and is the SSE {@code Last-Event-ID}): a number on a single replica, a Redis Stream
 * entry id ({@code <millis>-<n>}) in cluster mode. {@code data} is the normalized Video or Ingest;
 * {@code changed} names the Video members that changed ({@code video.updated} only).
 */
public record ChangeEvent(String id, String type, String connection, Instant time, Object data, List<String> changed) {

    /** The position of this event in the log. */
    @JsonIgnore
    public long sequence() {
        return position(id);
    }

    /** An event id as one ordered number: {@code n}, or {@code millis × 10^6 + n} for a stream id. */
    static long position(String id) {
        int dash = id.indexOf('-');
        return dash < 0
                ? Long.parseLong(id)
                : Long.parseLong(id.substring(0, dash)) * 1_000_000L + Long.parseLong(id.substring(dash + 1));
    }
}
