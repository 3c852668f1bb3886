package io.mediagate.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One video as the normalized API shows it, whatever vendor holds it. */
public record Video(
        String id,
        String connection,
        String vendor,
        String title,
        String description,
        Double durationSeconds,
        VideoStatus status,
        Instant createdAt,
        Instant updatedAt,
        String thumbnailUrl,
        List<String> tags,
        Map<String, String> metadata,
        Playback playback,
        Map<String, Object> raw) {

    public Video {
        tags = tags == null ? List.of() : List.copyOf(tags);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        playback = playback == null ? Playback.NONE : playback;
    }

    /** The same video without the vendor's raw fields (what callers get unless they ask for {@code include=raw}). */
    public Video withoutRaw() {
        return raw == null
                ? this
                : new Video(
                        id,
                        connection,
                        vendor,
                        title,
                        description,
                        durationSeconds,
                        status,
                        createdAt,
                        updatedAt,
                        thumbnailUrl,
                        tags,
                        metadata,
                        playback,
                        null);
    }
}
