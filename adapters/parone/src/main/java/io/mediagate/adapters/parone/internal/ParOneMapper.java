package io.mediagate.adapters.parone.internal;

import io.mediagate.contracts.Playback;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoStatus;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorValues;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** ParOne v2 video JSON (camelCase) to {@link Video}; pure functions. */
public final class ParOneMapper {
    private ParOneMapper() {}

    public static Video toVideo(JsonNode v, String connection, boolean includeRaw) {
        String key = VendorJson.text(v, "contentKey");
        String thumbnail = VendorJson.text(v, "thumbnail");
        String hls = VendorJson.text(v, "urlHLS");
        Instant created = instant(VendorJson.text(v, "createdDate"));
        Instant updated = instant(VendorJson.text(v, "updatedDate"));
        return new Video(
                key,
                connection,
                "parone",
                nonNull(VendorJson.text(v, "title"), key),
                VendorJson.text(v, "description"),
                seconds(VendorJson.text(v, "duration")),
                "pending".equalsIgnoreCase(VendorJson.text(v, "status")) ? VideoStatus.PROCESSING : VideoStatus.READY,
                created,
                updated != null ? updated : instant(VendorJson.text(v, "publishedDate")),
                thumbnail != null ? thumbnail : "https://thumbnails.parone.io/" + key + ".jpg",
                strings(v.path("tags")),
                fields(v.path("customFields")),
                new Playback(null, hls != null ? hls : "https://cdn.parone.io/" + key + "/" + key + ".m3u8"),
                includeRaw ? VendorJson.mapper().convertValue(v, new TypeReference<Map<String, Object>>() {}) : null);
    }

    static Double seconds(String duration) {
        return VendorValues.seconds(duration);
    }

    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(t -> out.add(t.asString()));
        }
        return out;
    }

    /** A JSON object's members as strings (null as empty); anything else gives an empty map. */
    public static Map<String, String> fields(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object.isObject()) {
            object.properties()
                    .forEach(e -> out.put(
                            e.getKey(),
                            e.getValue().isNull() ? "" : e.getValue().asString()));
        }
        return out;
    }

    private static String nonNull(String a, String b) {
        return a != null ? a : b;
    }
}
