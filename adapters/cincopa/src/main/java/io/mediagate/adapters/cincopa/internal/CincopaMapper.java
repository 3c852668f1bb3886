package io.mediagate.adapters.cincopa.internal;

import io.mediagate.contracts.Ingest;
import io.mediagate.contracts.IngestStatus;
import io.mediagate.contracts.Playback;
import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoStatus;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorValues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** Cincopa asset and job JSON to normalized records: pure functions, unit-tested against recorded JSON. */
public final class CincopaMapper {
    /**
     * The {@code details} sent on every {@code asset.list.json}: the fields the mapping reads. Cincopa's default
     * leaves out {@code tags} (CDOC:98-102), so without it every video would come back untagged.
     */
    public static final String DETAILS =
            "caption,description,long_description,exif_tags,reference_id," + "related_link_text,related_link_url,tags";

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CincopaMapper() {}

    public static Video toVideo(JsonNode asset, String connection, boolean includeRaw) {
        JsonNode versions = asset.path("versions");
        String hls = textOrNull(versions.path("hls").path("url"));
        return new Video(
                VendorJson.text(asset, "rid"),
                connection,
                "cincopa",
                nonNull(VendorJson.text(asset, "caption"), VendorJson.text(asset, "filename")),
                VendorJson.text(asset, "description"),
                duration(textOrNull(asset.path("exif").path("duration"))),
                VideoStatus.READY,
                instant(VendorJson.text(asset, "uploaded")),
                instant(VendorJson.text(asset, "modified")),
                textOrNull(asset.path("thumbnail").path("url")),
                tags(VendorJson.text(asset, "tags")),
                Map.of(),
                new Playback(null, hls),
                includeRaw
                        ? VendorJson.mapper().convertValue(asset, new TypeReference<Map<String, Object>>() {})
                        : null);
    }

    /**
     * The headers Cincopa's own uploader sends with the raw file bytes it POSTs to an upload URL (EVIDENCE C8):
     * {@code X-FILE-NAME} and, when the size is known, {@code Content-Range} for the whole file in one request.
     * The name goes as it is when it is printable ASCII, else percent-encoded UTF-8 (a header carries no other
     * bytes safely; how Cincopa decodes it is a guess).
     */
    public static Map<String, String> uploadHeaders(UploadRequest request) {
        String filename = request.filename();
        if (filename == null || filename.isBlank()) {
            throw new ProviderException(Kind.INVALID_REQUEST, "filename is required");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-FILE-NAME", headerSafe(filename));
        Long size = request.sizeBytes();
        if (size != null) {
            if (size < 1) {
                throw new ProviderException(Kind.INVALID_REQUEST, "size_bytes must be at least 1");
            }
            headers.put("Content-Range", "bytes 0-" + (size - 1) + "/" + size);
        }
        return headers;
    }

    private static String headerSafe(String name) {
        boolean printableAscii = name.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && name.indexOf('%') < 0;
        return printableAscii
                ? name
                : URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Cincopa's {@code "HH:MM:SS.ff"} as seconds; null when absent or unreadable. */
    public static Double duration(String hms) {
        return VendorValues.seconds(hms);
    }

    /** ISO-8601 or {@code yyyy-MM-dd HH:mm:ss} (taken as UTC); null when unreadable. */
    public static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDateTime.parse(text, SPACED).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    public static List<String> tags(String commaSeparated) {
        return VendorValues.commaSeparated(commaSeparated);
    }

    /** An upload-from-URL job from {@code asset.upload_from_url_get_status}. */
    public static Ingest toIngest(String id, JsonNode status, String connection) {
        String state = nonNull(VendorJson.text(status, "status"), "").toLowerCase(Locale.ROOT);
        IngestStatus s = switch (state) {
            // documented: inprogress, completed, failed (CDOC:570); "ready" is what third-party schemas show
            case "completed", "complete", "done", "success", "ready" -> IngestStatus.READY;
            case "failed", "error", "aborted" -> IngestStatus.FAILED;
            case "", "pending", "queued" -> IngestStatus.PENDING;
            default -> IngestStatus.PROCESSING;
        };
        String resid = VendorJson.text(status, "resid");
        Integer progress = null;
        JsonNode p = status.get("progress");
        if (p != null && !p.isNull()) {
            try {
                progress = Math.max(0, Math.min(100, (int) Double.parseDouble(p.asString())));
            } catch (NumberFormatException ignored) {
                // progress is informative only
            }
        }
        return new Ingest(
                id,
                connection,
                s,
                resid == null || resid.isBlank() ? null : resid,
                s == IngestStatus.READY ? Integer.valueOf(100) : progress,
                null,
                null,
                s == IngestStatus.FAILED ? "Cincopa reported the import as " + state : null);
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() || n.asString().isBlank() ? null : n.asString();
    }

    private static String nonNull(String a, String b) {
        return a != null ? a : b;
    }
}
