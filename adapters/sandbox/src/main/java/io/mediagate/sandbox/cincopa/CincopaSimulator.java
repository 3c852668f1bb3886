package io.mediagate.sandbox.cincopa;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.mediagate.sandbox.DemoConnection;
import io.mediagate.sandbox.FixedWindowLimit;
import io.mediagate.sandbox.FormDecoding;
import io.mediagate.sandbox.VendorSimulator;
import io.mediagate.sandbox.WireResponses;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cincopa's REST API v2 ({@code https://api.cincopa.com/v2/<group>.<method>.json}) as far as assets go.
 * Faithful to the vendor notes: every call needs {@code api_token} in the query (a missing or wrong token is
 * HTTP 403 {@code {"success":false,"message":…}}), parameters travel in the query for GET and POST alike,
 * logical failures are HTTP 200 with {@code success:false}, lists page with {@code page}/{@code items_per_page}
 * and report {@code items_data.pages_count}. Upload-from-URL jobs complete on the second status poll.
 *
 * <p>{@code asset.list.json} returns only the extra fields {@code details} asks for, with the documented default
 * list (which leaves out {@code tags}) when it is absent (CDOC:98-102). Failure messages are plain and neutral;
 * the real texts are unknown, so a client must not depend on them. The upload URL that
 * {@code asset.get_upload_url.json} hands out is served: it takes the raw file bytes as the body of a POST with
 * {@code X-FILE-NAME} and {@code Content-Range: bytes <start>-<end>/<size>}, the protocol of Cincopa's own
 * uploader script, assembles the chunks in order and answers {@code new resource id <n> <rid>} as text once the
 * last one is in. {@link io.mediagate.sandbox.SimulatorMode#GUESSED Guessed} mode adds an {@code hls} rendition
 * to {@code versions} (no Cincopa source shows one, EVIDENCE C2b).
 */
public final class CincopaSimulator extends VendorSimulator {
    public static final String DEMO_TOKEN = "1000042i3Xq9demoTokenR7sLw2";
    public static final String ACCOUNT = "1000042";
    private static final int MAX_PER_PAGE = 100;
    /** The extra fields {@code details} can select, by detail name (CDOC:100). */
    private static final Map<String, List<String>> DETAIL_FIELDS = Map.of(
            "caption", List.of("caption"),
            "description", List.of("description"),
            "long_description", List.of("long_description"),
            "related_link_text", List.of("related_link_text"),
            "related_link_url", List.of("related_link_url"),
            "reference_id", List.of("reference_id"),
            "tags", List.of("tags"),
            "exif_tags", List.of("exif"),
            "music_tags", List.of());
    /** The fields {@code details} selects among; every other field of an asset is always returned. */
    private static final Set<String> GATED = Set.of(
            "caption",
            "description",
            "long_description",
            "related_link_text",
            "related_link_url",
            "reference_id",
            "tags",
            "exif");
    /** CDOC:102: the default {@code details}, without {@code tags}. */
    static final String DEFAULT_DETAILS = "caption, description, music_tags, exif_tags, long_description, "
            + "related_link_text, related_link_url, reference_id";

    static final String UPLOAD_PATH = "/post.jpg";
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,15})-(\\d{1,15})/(\\d{1,15})");

    /** One upload URL handed out: its secret, its expiry, and the bytes received so far. */
    private static final class PendingUpload {
        final String hash;
        final Instant expiresAt;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        PendingUpload(String hash, Instant expiresAt) {
            this.hash = hash;
            this.expiresAt = expiresAt;
        }
    }

    private final Clock clock;
    private final FixedWindowLimit limit;
    private final Map<String, Map<String, Object>> assets = new LinkedHashMap<>();
    private final Map<String, int[]> jobs = new LinkedHashMap<>();
    private final Map<String, String> jobSources = new LinkedHashMap<>();
    private final Map<String, String> completed = new LinkedHashMap<>();
    private final Map<String, PendingUpload> uploads = new LinkedHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    /** A simulator without a request limit. */
    public CincopaSimulator(int port) {
        this(port, 0);
    }

    /**
     * @param requestsPerMinute Cincopa publishes no limit; 0 (default) means none, else a fixed window per minute
     *                          answered with 429 + Retry-After (the shape seen in third-party mocks)
     */
    public CincopaSimulator(int port, int requestsPerMinute) {
        super(port);
        this.clock = Clock.systemUTC();
        this.limit =
                requestsPerMinute > 0 ? new FixedWindowLimit(requestsPerMinute, Duration.ofMinutes(1), clock) : null;
        reseed();
    }

    @Override
    public String vendor() {
        return "cincopa";
    }

    @Override
    protected String basePath() {
        return "/v2";
    }

    @Override
    public List<DemoConnection> demoConnections() {
        return List.of(
                new DemoConnection("cincopa-demo", vendor(), baseUrl(), Map.of("api-token", DEMO_TOKEN), Map.of()));
    }

    @Override
    protected synchronized void reseed() {
        assets.clear();
        jobs.clear();
        jobSources.clear();
        completed.clear();
        uploads.clear();
        sequence.set(0);
        if (limit != null) {
            limit.reset();
        }
        String[][] seed = {
            {"Product tour 2026", "A walk through the new dashboard", "product,tour", "00:02:31.40"},
            {"Customer story: Northwind", "How Northwind cut onboarding time", "customer,story", "00:04:05.00"},
            {"Webinar: video SEO", "Recording of the spring webinar", "webinar,marketing", "00:47:12.12"},
            {"Release notes 4.2", "What changed in 4.2", "product,release", "00:01:15.00"},
            {"Support: resetting passwords", "Step by step", "support", "00:00:58.50"},
            {"Brand film", "Our story in ninety seconds", "marketing", "00:01:30.00"},
            {"Team offsite highlights", "", "internal", "00:03:10.00"},
        };
        Instant base = Instant.parse("2026-03-01T09:00:00Z");
        for (int i = 0; i < seed.length; i++) {
            Instant at = base.plus(Duration.ofDays(i));
            put(newAsset("video", seed[i][0], seed[i][1], seed[i][2], seed[i][3], at));
        }
        put(newAsset("image", "Logo", "Company logo", "brand", null, base.plus(Duration.ofDays(10))));
    }

    private void put(Map<String, Object> asset) {
        assets.put((String) asset.get("rid"), asset);
    }

    private Map<String, Object> newAsset(
            String type, String caption, String description, String tags, String duration, Instant at) {
        String rid = "A" + ACCOUNT.substring(3) + "x" + String.format("%05d", sequence.incrementAndGet());
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("rid", rid);
        a.put("id", sequence.get());
        a.put("type", type);
        a.put("caption", caption);
        a.put(
                "filename",
                caption.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                        + (type.equals("video") ? ".mp4" : ".png"));
        a.put("description", description);
        a.put("long_description", "");
        a.put("reference_id", "");
        a.put("related_link_text", "");
        a.put("related_link_url", "");
        a.put("tags", tags);
        a.put("uploaded", at.toString());
        a.put("modified", at.toString());
        a.put("filesize", 1_048_576 * (1 + sequence.get()));
        a.put("thumbnail", Map.of("url", "https://static.cincopa.example/" + rid + "/thumb.jpg"));
        if (duration != null) {
            a.put("exif", Map.of("duration", duration));
        }
        if (type.equals("video")) {
            a.put(
                    "versions",
                    Map.of(
                            "mp4_hd",
                            Map.of("url", "https://media.cincopa.example/" + rid + "/hd.mp4", "filesize", 1024)));
        }
        return a;
    }

    /**
     * An asset as {@code asset.list.json} shows it: every field outside {@link #GATED}, plus the gated ones
     * {@code details} names (unknown names are ignored: the official Sanity plugin passes search text there).
     */
    private Map<String, Object> view(Map<String, Object> asset, String details) {
        Set<String> wanted = new HashSet<>();
        for (String name : (details == null ? DEFAULT_DETAILS : details).split(",")) {
            wanted.addAll(DETAIL_FIELDS.getOrDefault(name.trim().toLowerCase(Locale.ROOT), List.of()));
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        asset.forEach((field, value) -> {
            if (!GATED.contains(field) || wanted.contains(field)) {
                shown.put(field, value);
            }
        });
        if (guessed() && shown.get("versions") instanceof Map<?, ?> versions) {
            // [G] the adapter reads versions.hls.url; no Cincopa source shows an hls rendition
            Map<Object, Object> withHls = new LinkedHashMap<>(versions);
            withHls.put("hls", Map.of("url", "https://media.cincopa.example/" + asset.get("rid") + "/master.m3u8"));
            shown.put("versions", withHls);
        }
        return shown;
    }

    @Override
    protected ResponseDefinition rateLimitedAnswer(Duration retryAfter) {
        return aResponse()
                .withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", Long.toString(retryAfter.toSeconds()))
                .withBody("{\"success\":false,\"message\":\"Too many requests\"}")
                .build();
    }

    @Override
    protected ResponseDefinition serverError() {
        return aResponse()
                .withStatus(500)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>500 Internal Server Error</h1></body></html>")
                .build();
    }

    private static ResponseDefinition ok(Map<String, Object> payload) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("runtime", 7);
        body.putAll(payload);
        return WireResponses.json(200, body);
    }

    private static ResponseDefinition failure(String message) {
        return WireResponses.json(200, Map.of("success", false, "message", message));
    }

    @Override
    protected synchronized ResponseDefinition handle(Request request) {
        String path = request.getUrl();
        int q = path.indexOf('?');
        String rawPath = q < 0 ? path : path.substring(0, q);
        Map<String, String> params = params(request);
        if (rawPath.equals(UPLOAD_PATH)) {
            // the upload URL carries its own secret (uid, d, hash) instead of the api_token
            return receiveUpload(request, params);
        }
        String method = rawPath.replaceFirst("^/v2/", "");
        if (!DEMO_TOKEN.equals(params.get("api_token"))) {
            return WireResponses.json(403, Map.of("success", false, "message", "Invalid api_token"));
        }
        if (limit != null) {
            Duration wait = limit.tryAcquire();
            if (wait != null) {
                return rateLimitedAnswer(wait.plusMillis(999));
            }
        }
        return switch (method) {
            case "ping.json" ->
                ok(Map.of(
                        "ping",
                        "pong",
                        "accid",
                        ACCOUNT,
                        "accid_num",
                        Long.parseLong(ACCOUNT),
                        "permissions",
                        "asset.*|gallery.*"));
            case "asset.list.json" -> list(params);
            case "asset.set_meta.json" -> setMeta(params);
            case "asset.delete.json" -> delete(params);
            case "asset.get_upload_url.json" -> uploadUrl(params);
            case "asset.upload_from_url.json" -> uploadFromUrl(params);
            case "asset.upload_from_url_get_status.json" -> uploadStatus(params);
            default -> failure("Unknown method " + method);
        };
    }

    private ResponseDefinition list(Map<String, String> params) {
        int page;
        int perPage;
        try {
            page = Integer.parseInt(params.getOrDefault("page", "1"));
            perPage = Integer.parseInt(params.getOrDefault("items_per_page", "50"));
        } catch (NumberFormatException e) {
            return failure("page and items_per_page must be numbers");
        }
        if (page < 1 || perPage < 1) {
            return failure("page and items_per_page must be positive");
        }
        perPage = Math.min(perPage, MAX_PER_PAGE);
        String type = params.get("type");
        String details = params.get("details");
        String rid = params.get("rid");
        String tag = params.get("tag");
        String search = params.get("search");
        if (search != null && search.startsWith("tag=")) {
            tag = search.substring(4);
            search = null;
        }
        List<Map<String, Object>> matching = new ArrayList<>();
        List<Map<String, Object>> newestFirst = new ArrayList<>(assets.values());
        newestFirst.sort((a, b) -> ((String) b.get("uploaded")).compareTo((String) a.get("uploaded")));
        for (Map<String, Object> a : newestFirst) {
            if (type != null && !List.of(type.split(",")).contains(a.get("type"))) {
                continue;
            }
            if (rid != null && !rid.equals(a.get("rid"))) {
                continue;
            }
            if (tag != null && !List.of(((String) a.get("tags")).split(",")).contains(tag)) {
                continue;
            }
            if (search != null
                    && !(((String) a.get("caption")).toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT))
                            || ((String) a.get("description"))
                                    .toLowerCase(Locale.ROOT)
                                    .contains(search.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            matching.add(view(a, details));
        }
        int pages = Math.max(1, (matching.size() + perPage - 1) / perPage);
        int from = Math.min(matching.size(), (page - 1) * perPage);
        int to = Math.min(matching.size(), from + perPage);
        return ok(Map.of(
                "items",
                new ArrayList<>(matching.subList(from, to)),
                "items_data",
                Map.of("page", page, "items_per_page", perPage, "items_count", matching.size(), "pages_count", pages)));
    }

    private ResponseDefinition setMeta(Map<String, String> params) {
        Map<String, Object> a = assets.get(params.get("rid"));
        if (params.get("rid") == null) {
            return failure("rid is required");
        }
        if (a == null) {
            return failure("Invalid rid");
        }
        for (String field : List.of(
                "caption",
                "description",
                "long_description",
                "reference_id",
                "related_link_text",
                "related_link_url",
                "tags")) {
            if (params.containsKey(field)) {
                a.put(field, params.get(field));
            }
        }
        a.put("modified", clock.instant().toString());
        return ok(Map.of());
    }

    private ResponseDefinition delete(Map<String, String> params) {
        if (params.get("rid") == null) {
            return failure("rid is required");
        }
        return assets.remove(params.get("rid")) == null ? failure("Invalid rid") : ok(Map.of());
    }

    private ResponseDefinition uploadUrl(Map<String, String> params) {
        String ttl = params.get("ttl");
        Instant expiresAt = null;
        if (ttl != null) {
            try {
                expiresAt = clock.instant().plusSeconds(Long.parseLong(ttl));
            } catch (NumberFormatException e) {
                return failure("ttl must be a number of seconds");
            }
        }
        String d = "u" + sequence.incrementAndGet();
        String hash = Integer.toHexString((ACCOUNT + d + System.nanoTime()).hashCode());
        uploads.put(d, new PendingUpload(hash, expiresAt));
        // CDOC:433 shape: https://mediaupload.cincopa.com/post.jpg?uid={UID}&d=…&hash=…
        String url = "http://127.0.0.1:" + port() + UPLOAD_PATH + "?uid=" + ACCOUNT + "&d=" + d + "&hash=" + hash;
        return ok(Map.of("upload_url", url));
    }

    /**
     * A POST to an upload URL, as Cincopa's uploader sends it: the raw file bytes (a chunk of them) as the body,
     * {@code X-FILE-NAME} and {@code Content-Range: bytes <start>-<end>/<size>}. Chunks must come in order; the
     * last one creates the asset and the answer is the text {@code new resource id <n> <rid>}. [G] the answers to
     * a bad request and to a chunk before the last one are not known; a plain-text 400/403 and an empty 200 here.
     */
    private ResponseDefinition receiveUpload(Request request, Map<String, String> params) {
        PendingUpload upload = uploads.get(params.getOrDefault("d", ""));
        if (!request.getMethod().getName().equals("POST")
                || upload == null
                || !upload.hash.equals(params.get("hash"))
                || !ACCOUNT.equals(params.get("uid"))
                || upload.expiresAt != null && clock.instant().isAfter(upload.expiresAt)) {
            return WireResponses.text(403, "Invalid upload URL");
        }
        String fileName = decodeFileName(request.getHeader("X-FILE-NAME"));
        byte[] body = request.getBody();
        if (fileName == null || fileName.isBlank() || body == null || body.length == 0) {
            return WireResponses.text(400, "Missing file");
        }
        long start = 0;
        long size = body.length;
        String range = request.getHeader("Content-Range");
        if (range != null) {
            Matcher m = CONTENT_RANGE.matcher(range.trim());
            if (!m.matches()) {
                return WireResponses.text(400, "Invalid Content-Range");
            }
            start = Long.parseLong(m.group(1));
            long end = Long.parseLong(m.group(2));
            size = Long.parseLong(m.group(3));
            if (start != upload.received.size() || end - start + 1 != body.length || end >= size) {
                return WireResponses.text(400, "Invalid Content-Range");
            }
        } else if (upload.received.size() > 0) {
            return WireResponses.text(400, "Invalid Content-Range");
        }
        upload.received.writeBytes(body);
        if (start + body.length < size) {
            return aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/plain; charset=utf-8")
                    .build();
        }
        uploads.remove(params.get("d"));
        Map<String, Object> a = newAsset(typeOf(fileName), fileName, "", "", null, clock.instant());
        a.put("filename", fileName);
        a.put("filesize", size);
        put(a);
        return WireResponses.text(200, "new resource id " + a.get("id") + " " + a.get("rid"));
    }

    /** The file name as sent: printable ASCII as it is, anything else percent-encoded UTF-8. */
    private static String decodeFileName(String header) {
        if (header == null) {
            return null;
        }
        try {
            return URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return header;
        }
    }

    private static String typeOf(String fileName) {
        String ext = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "mp4", "mov", "m4v", "webm", "mkv", "avi", "wmv", "flv", "mpg", "mpeg" -> "video";
            case "png", "jpg", "jpeg", "gif", "webp", "bmp" -> "image";
            case "mp3", "wav", "m4a", "aac", "ogg", "flac" -> "music";
            default -> "other";
        };
    }

    private ResponseDefinition uploadFromUrl(Map<String, String> params) {
        String input = params.get("input");
        if (input == null || !(input.startsWith("http://") || input.startsWith("https://"))) {
            return failure("input must be a URL");
        }
        String id = "st-" + sequence.incrementAndGet() + "-" + Integer.toHexString(input.hashCode());
        jobs.put(id, new int[] {0});
        jobSources.put(id, input);
        return ok(Map.of("status_id", id));
    }

    private ResponseDefinition uploadStatus(Map<String, String> params) {
        String id = params.get("status_id");
        int[] polls = id == null ? null : jobs.get(id);
        if (polls == null) {
            return failure("Invalid status_id");
        }
        polls[0]++;
        if (polls[0] < 2) {
            return ok(Map.of(
                    "status",
                    "inprogress",
                    "progress",
                    "50",
                    "progress_bytes",
                    "512",
                    "file_size_bytes",
                    "-1",
                    "resid",
                    "",
                    "more",
                    "",
                    "debug",
                    ""));
        }
        String rid = findOrCreate(id, jobSources.get(id));
        return ok(Map.of(
                "status",
                "completed",
                "progress",
                100,
                "progress_bytes",
                "1024",
                "file_size_bytes",
                "1024",
                "resid",
                rid,
                "more",
                "",
                "debug",
                ""));
    }

    private String findOrCreate(String jobId, String source) {
        return completed.computeIfAbsent(jobId, j -> {
            String name = source.substring(source.lastIndexOf('/') + 1);
            Map<String, Object> a =
                    newAsset("video", name.isEmpty() ? "Imported video" : name, "", "", "00:00:10.00", clock.instant());
            put(a);
            return (String) a.get("rid");
        });
    }

    private static Map<String, String> params(Request request) {
        return FormDecoding.first(request.getUrl());
    }

    /** Assets of a type, for tests. */
    public synchronized List<Map<String, Object>> assetsOfType(String type) {
        return assets.values().stream()
                .filter(a -> type.equals(a.get("type")))
                .map(LinkedHashMap::new)
                .map(m -> (Map<String, Object>) m)
                .toList();
    }
}
