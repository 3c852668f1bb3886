package io.mediagate.adapters.cognitive3d.internal;

import io.mediagate.contracts.Playback;
import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.UploadTicket;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.VideoStatus;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.VendorJson;
import java.net.URI;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.JsonNodeException;

/**
 * Pure conversions between Cognitive3D media JSON and contracts records, plus the keyset cursor that pages the
 * vendor's unpaged media array.
 */
public final class Cognitive3DMapper {
    private static final String CURSOR_VERSION = "c3d1";
    private static final TypeReference<Map<String, Object>> RAW = new TypeReference<>() {};

    private Cognitive3DMapper() {}

    /**
     * Whether a media item is a video. {@code staticMedia} is the vendor's own flag (true = flat image, false =
     * 360° video); when it is missing the content type decides.
     */
    public static boolean isVideo(JsonNode media) {
        JsonNode staticMedia = media.get("staticMedia");
        if (staticMedia != null && staticMedia.isBoolean()) {
            return !staticMedia.asBoolean();
        }
        String type = VendorJson.text(media, "contentType");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("video/");
    }

    /**
     * Live = not archived; the vendor archives on delete, so an archived item is gone for our callers. The fields
     * read here are the ones {@link Cognitive3DLibraryScan} looks at before it builds an item: keep them in step.
     */
    public static boolean isLiveVideo(JsonNode media) {
        JsonNode archived = media.get("archived");
        return media.isObject()
                && media.hasNonNull("id")
                && isVideo(media)
                && !(archived != null && archived.asBoolean(false));
    }

    /** The live videos of a media array, newest (highest id) first; a non-array answer is UPSTREAM_ERROR. */
    public static List<JsonNode> liveVideosNewestFirst(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw ProviderException.upstream("Cognitive3D answered a media list that is not an array", null);
        }
        List<JsonNode> videos = new ArrayList<>();
        for (JsonNode media : array) {
            if (isLiveVideo(media)) {
                videos.add(media);
            }
        }
        videos.sort(Comparator.comparingLong(Cognitive3DMapper::id).reversed());
        return videos;
    }

    /** The live video with this id in a media array, if there is one; a non-array answer is UPSTREAM_ERROR. */
    public static Optional<JsonNode> liveVideo(JsonNode array, long mediaId) {
        if (array == null || !array.isArray()) {
            throw ProviderException.upstream("Cognitive3D answered a media list that is not an array", null);
        }
        for (JsonNode media : array) {
            if (isLiveVideo(media, mediaId)) {
                return Optional.of(media);
            }
        }
        return Optional.empty();
    }

    /** Whether a media item is the live video with this id (the id is read only once the item is a live video). */
    public static boolean isLiveVideo(JsonNode media, long mediaId) {
        return isLiveVideo(media) && id(media) == mediaId;
    }

    /**
     * The media item's id, which the vendor documents as an integer; an id that is none (text that is no number, an
     * object, an array, a number past {@code long}) is the vendor answering unexpectedly, said in those words rather
     * than as a library's conversion failure.
     */
    public static long id(JsonNode media) {
        // every caller has already checked the id is there (isLiveVideo, toVideo)
        JsonNode id = media.get("id");
        try {
            return id.asLong();
        } catch (JsonNodeException e) {
            throw ProviderException.upstream(
                    "Cognitive3D answered a media item whose id is not a whole number ("
                            + id.getNodeType().name().toLowerCase(Locale.ROOT) + ")",
                    null);
        }
    }

    /** A normalized video; {@code raw} carries every vendor field when asked for. */
    public static Video toVideo(JsonNode media, String connectionId, boolean includeRaw) {
        if (!media.isObject() || !media.hasNonNull("id")) {
            throw ProviderException.upstream("Cognitive3D answered a media item without an id", null);
        }
        String name = VendorJson.text(media, "name");
        String fileName = VendorJson.text(media, "fileName");
        String description = VendorJson.text(media, "description");
        String external = VendorJson.text(media, "externalUrl");
        return new Video(
                String.valueOf(id(media)),
                connectionId,
                "cognitive3d",
                name != null ? name : fileName != null ? fileName : "",
                description == null || description.isEmpty() ? null : description,
                null,
                // no processing state is exposed: an item with its file is playable, one without is not yet
                fileName == null ? VideoStatus.PROCESSING : VideoStatus.READY,
                null,
                null,
                // thumbnailLocation is a storage path behind the organisation key, not a URL a client can load
                null,
                List.of(),
                Map.of(),
                external == null || external.isBlank() ? Playback.NONE : new Playback(external, null),
                includeRaw ? VendorJson.mapper().convertValue(media, RAW) : null);
    }

    /** The PUT body for a patch: title → name, description → description ("" clears it). */
    public static Map<String, Object> toUpdateFields(VideoPatch patch) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (patch.title() != null) {
            if (patch.title().isBlank()) {
                throw new ProviderException(Kind.INVALID_REQUEST, "title must not be blank");
            }
            fields.put("name", patch.title());
        }
        if (patch.description() != null) {
            fields.put("description", patch.description());
        }
        return fields;
    }

    /** A media id from a video id: the vendor's ids are integers, anything else cannot exist there. */
    public static long mediaId(String videoId) {
        if (videoId == null
                || videoId.isEmpty()
                || videoId.length() > 18
                || !videoId.chars().allMatch(Character::isDigit)) {
            throw ProviderException.notFound("video " + (videoId == null ? "" : videoId.replaceAll("[^\\w-]", "?")));
        }
        return Long.parseLong(videoId);
    }

    /** The cursor after a page: the last id shown, bound to this connection and project. */
    public static String cursorAfter(long lastId, String connectionId, long projectId) {
        String plain = CURSOR_VERSION + "|" + projectId + "|" + lastId + "|" + connectionId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The last id a cursor names; a forged cursor or one from another connection is INVALID_REQUEST. */
    public static long lastIdOf(String cursor, String connectionId, long projectId) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 4);
            if (parts.length == 4
                    && parts[0].equals(CURSOR_VERSION)
                    && parts[1].equals(String.valueOf(projectId))
                    && parts[3].equals(connectionId)) {
                long lastId = Long.parseLong(parts[2]);
                if (lastId > 0) {
                    return lastId;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through: not one of ours
        }
        throw new ProviderException(Kind.INVALID_REQUEST, "the cursor does not belong to this connection");
    }

    /**
     * A ticket for the vendor's raw upload route reached through the gateway's passthrough, so the caller
     * authenticates with its own gateway key and the organisation key stays in the gateway.
     */
    public static UploadTicket toUploadTicket(UploadRequest request, URI passthroughBase, long projectId) {
        String filename = request.filename();
        if (filename == null || filename.isBlank() || filename.contains("/") || filename.contains("\\")) {
            throw new ProviderException(Kind.INVALID_REQUEST, "filename must be a plain file name");
        }
        String type = request.contentType();
        if (type == null || type.isBlank()) {
            type = URLConnection.guessContentTypeFromName(filename);
        }
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("video/")) {
            // the vendor serves the file back with the type it was uploaded with, so it must be the real one
            throw new ProviderException(
                    Kind.INVALID_REQUEST,
                    "content_type must be the file's real video/* type (images are not videos here)");
        }
        String name = request.title() == null || request.title().isBlank() ? filename : request.title();
        String url = passthroughBase + "/projects/" + projectId + "/media?fileName=" + encode(filename) + "&name="
                + encode(name);
        return new UploadTicket(url, "POST", Map.of("Content-Type", type), null, null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
