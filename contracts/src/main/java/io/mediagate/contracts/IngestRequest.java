package io.mediagate.contracts;

import java.util.List;
import java.util.Map;

/** Ask the vendor to fetch a video from a public URL; title and the rest are optional. */
public record IngestRequest(
        String sourceUrl, String title, String description, List<String> tags, Map<String, String> metadata) {
    public IngestRequest {
        tags = tags == null ? List.of() : List.copyOf(tags);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
