package io.mediagate.adapters.streamone.internal;

import io.mediagate.contracts.Playback;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoStatus;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorValues;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** StreamOne item JSON to {@link Video}; pure functions. Dates are StreamOne's {@code yyyy-MM-dd HH:mm:ss} in UTC. */
public final class StreamOneMapper {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private StreamOneMapper() {}

    public static Video toVideo(JsonNode item, String connection, String tagArgument, boolean includeRaw) {
        JsonNode links = item.path("medialink");
        String status = VendorJson.text(item, "status");
        return new Video(
                VendorJson.text(item, "id"),
                connection,
                "streamone",
                VendorJson.text(item, "title"),
                VendorJson.text(item, "description"),
                duration(VendorJson.text(item, "duration")),
                "processing".equalsIgnoreCase(status)
                        ? VideoStatus.PROCESSING
                        : "error".equalsIgnoreCase(status) ? VideoStatus.FAILED : VideoStatus.READY,
                instant(VendorJson.text(item, "datecreated")),
                instant(VendorJson.text(item, "datemodified")),
                VendorJson.text(item, "selectedthumbnailurl"),
                tags(VendorJson.text(item, tagArgument)),
                Map.of(),
                new Playback(null, VendorJson.text(links, "hls")),
                includeRaw
                        ? VendorJson.mapper().convertValue(item, new TypeReference<Map<String, Object>>() {})
                        : null);
    }

    static Double duration(String text) {
        return VendorValues.seconds(text);
    }

    public static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    static List<String> tags(String keywords) {
        return VendorValues.commaSeparated(keywords);
    }
}
