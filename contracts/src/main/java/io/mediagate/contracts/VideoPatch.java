package io.mediagate.contracts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON merge patch (RFC 7396) of a video's editable fields. A null field is left unchanged. In
 * {@code metadata}, a key mapped to null is removed and any other key is set; keys not named keep their value.
 * An empty {@code description} clears it; an empty {@code tags} list removes all tags.
 */
public record VideoPatch(String title, String description, List<String> tags, Map<String, String> metadata) {
    public VideoPatch {
        tags = tags == null ? null : List.copyOf(tags);
        // LinkedHashMap keeps null values, which mean "remove this key"
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public boolean isEmpty() {
        return title == null && description == null && tags == null && metadata == null;
    }

    /** Applies the metadata part of this patch to the current map, as RFC 7396 merges nested objects. */
    public Map<String, String> mergeMetadata(Map<String, String> current) {
        if (metadata == null) {
            return current;
        }
        Map<String, String> merged = new LinkedHashMap<>(current);
        metadata.forEach((k, v) -> {
            if (v == null) {
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        });
        return merged;
    }
}
