package io.mediagate.gateway.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * One change event as subscribers see it. {@code id} is stable and increases with every event (so it orders the
 * events of each connection and is the SSE {@code Last-Event-ID}); {@code data} is the normalized Video or Ingest;
 * {@code changed} names the Video members that changed ({@code video.updated} only).
 */
public record ChangeEvent(String id, String type, String connection, Instant time, Object data,
                          List<String> changed) {

    /** The position of this event in the log (its id as a number). */
    @JsonIgnore
    public long sequence() {
        return Long.parseLong(id);
    }
}
