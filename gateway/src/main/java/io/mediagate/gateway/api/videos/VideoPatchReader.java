package io.mediagate.gateway.api.videos;

import io.mediagate.contracts.VideoPatch;
import io.mediagate.gateway.api.JsonFields;
import io.mediagate.gateway.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON merge patch (RFC 7396) of a video. {@code description: null} clears it and {@code tags: null}
 * removes all tags; a null title or null metadata object cannot be applied to every vendor and is rejected. An
 * empty {@code metadata} object changes nothing and is read as "metadata left out".
 */
final class VideoPatchReader {
    private static final Set<String> FIELDS = Set.of("title", "description", "tags", "metadata");

    private VideoPatchReader() {}

    static VideoPatch read(JsonNode body) {
        JsonFields.onlyKnown(body, FIELDS);
        JsonNode title = body.get("title");
        if (title != null && title.isNull()) {
            throw ApiException.invalidField("title", "title cannot be removed");
        }
        String newTitle = JsonFields.string(body, "title", 500, false);
        if (newTitle != null && newTitle.isBlank()) {
            throw ApiException.invalidField("title", "title must not be blank");
        }
        JsonNode description = body.get("description");
        String newDescription =
                description != null && description.isNull() ? "" : JsonFields.string(body, "description", 5000, false);
        JsonNode tags = body.get("tags");
        List<String> newTags = tags == null ? null : tags.isNull() ? List.of() : JsonFields.tags(tags, "tags");
        JsonNode metadata = body.get("metadata");
        if (metadata != null && metadata.isNull()) {
            throw ApiException.invalidField("metadata", "metadata cannot be null; set a key to null to remove it");
        }
        // RFC 7396: merging {} changes nothing, so it needs no metadata capability (generated clients send it)
        Map<String, String> newMetadata = metadata == null || metadata.isObject() && metadata.isEmpty()
                ? null
                : JsonFields.metadata(metadata, "metadata", true);
        return new VideoPatch(newTitle, newDescription, newTags, newMetadata);
    }
}
