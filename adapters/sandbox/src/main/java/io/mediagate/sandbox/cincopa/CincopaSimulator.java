package io.mediagate.sandbox.cincopa;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.mediagate.sandbox.DemoConnection;
import io.mediagate.sandbox.FixedWindowLimit;
import io.mediagate.sandbox.FormDecoding;
import io.mediagate.sandbox.VendorSimulator;
import io.mediagate.sandbox.WireResponses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cincopa's REST API v2 ({@code https://api.cincopa.com/v2/<group>.<method>.json}) as far as assets go.
 * Faithful to the vendor notes: every call needs {@code api_token} in the query (a missing or wrong token is
 * HTTP 403 {@code {"success":false,"message":…}}), parameters travel in the query for GET and POST alike,
 * logical failures are HTTP 200 with {@code success:false}, lists page with {@code page}/{@code items_per_page}
 * and report {@code items_data.pages_count}. Upload-from-URL jobs complete on the second status poll.
 */
public final class CincopaSimulator extends VendorSimulator {
    public static final String DEMO_TOKEN = "1000042i3Xq9demoTokenR7sLw2";
    public static final String ACCOUNT = "1000042";
    private static final int MAX_PER_PAGE = 100;

    private final Clock clock;
    private final FixedWindowLimit limit;
    private final Map<String, Map<String, Object>> assets = new LinkedHashMap<>();
    private final Map<String, int[]> jobs = new LinkedHashMap<>();
    private final Map<String, String> jobSources = new LinkedHashMap<>();
    private final Map<String, String> completed = new LinkedHashMap<>();
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
        this.limit = requestsPerMinute > 0 ? new FixedWindowLimit(requestsPerMinute, Duration.ofMinutes(1), clock)
                : null;
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
        return List.of(new DemoConnection("cincopa-demo", vendor(), baseUrl(), Map.of("api-token", DEMO_TOKEN),
                Map.of()));
    }

    @Override
    protected synchronized void reseed() {
        assets.clear();
        jobs.clear();
        jobSources.clear();
        completed.clear();
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

    private Map<String, Object> newAsset(String type, String caption, String description, String tags,
                                         String duration, Instant at) {
        String rid = "A" + ACCOUNT.substring(3) + "x" + String.format("%05d", sequence.incrementAndGet());
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("rid", rid);
        a.put("id", sequence.get());
        a.put("type", type);
        a.put("caption", caption);
        a.put("filename", caption.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + (type.equals("video")
                ? ".mp4" : ".png"));
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
            a.put("versions", Map.of(
                    "mp4_hd", Map.of("url", "https://media.cincopa.example/" + rid + "/hd.mp4", "filesize", 1024),
                    "hls", Map.of("url", "https://media.cincopa.example/" + rid + "/master.m3u8")));
        }
        return a;
    }

    @Override
    protected ResponseDefinition rateLimitedAnswer(Duration retryAfter) {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", Long.toString(retryAfter.toSeconds()))
                .withBody("{\"success\":false,\"message\":\"Too many requests\"}").build();
    }

    @Override
    protected ResponseDefinition serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>500 Internal Server Error</h1></body></html>").build();
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
        String method = (q < 0 ? path : path.substring(0, q)).replaceFirst("^/v2/", "");
        Map<String, String> params = params(request);
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
            case "ping.json" -> ok(Map.of("ping", "pong", "accid", ACCOUNT, "accid_num", Long.parseLong(ACCOUNT),
                    "permissions", "asset.*|gallery.*"));
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
            if (search != null && !(((String) a.get("caption")).toLowerCase(Locale.ROOT)
                    .contains(search.toLowerCase(Locale.ROOT)) || ((String) a.get("description"))
                    .toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            matching.add(a);
        }
        int pages = Math.max(1, (matching.size() + perPage - 1) / perPage);
        int from = Math.min(matching.size(), (page - 1) * perPage);
        int to = Math.min(matching.size(), from + perPage);
        return ok(Map.of("items", new ArrayList<>(matching.subList(from, to)), "items_data", Map.of(
                "page", page, "items_per_page", perPage, "items_count", matching.size(), "pages_count", pages)));
    }

    private ResponseDefinition setMeta(Map<String, String> params) {
        Map<String, Object> a = assets.get(params.get("rid"));
        if (params.get("rid") == null) {
            return failure("rid is required");
        }
        if (a == null) {
            return failure("Asset not found");
        }
        for (String field : List.of("caption", "description", "long_description", "reference_id",
                "related_link_text", "related_link_url", "tags")) {
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
        return assets.remove(params.get("rid")) == null ? failure("Asset not found") : ok(Map.of());
    }

    private ResponseDefinition uploadUrl(Map<String, String> params) {
        String ttl = params.get("ttl");
        String url = "http://127.0.0.1:" + port() + "/post.jpg?uid=" + ACCOUNT + "&d=u" + sequence.incrementAndGet()
                + "&hash=" + Integer.toHexString((ACCOUNT + sequence.get()).hashCode())
                + (ttl != null ? "&ttl=" + ttl : "");
        return ok(Map.of("upload_url", url));
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
            return failure("status_id not found");
        }
        polls[0]++;
        if (polls[0] < 2) {
            return ok(Map.of("status", "inprogress", "progress", "50", "progress_bytes", "512",
                    "file_size_bytes", "-1", "resid", "", "more", "", "debug", ""));
        }
        String rid = findOrCreate(id, jobSources.get(id));
        return ok(Map.of("status", "completed", "progress", 100, "progress_bytes", "1024",
                "file_size_bytes", "1024", "resid", rid, "more", "", "debug", ""));
    }

    private String findOrCreate(String jobId, String source) {
        return completed.computeIfAbsent(jobId, j -> {
            String name = source.substring(source.lastIndexOf('/') + 1);
            Map<String, Object> a = newAsset("video", name.isEmpty() ? "Imported video" : name, "", "",
                    "00:00:10.00", clock.instant());
            put(a);
            return (String) a.get("rid");
        });
    }

    private static Map<String, String> params(Request request) {
        return FormDecoding.first(request.getUrl());
    }

    /** Assets of a type, for tests. */
    public synchronized List<Map<String, Object>> assetsOfType(String type) {
        return assets.values().stream().filter(a -> type.equals(a.get("type"))).map(LinkedHashMap::new)
                .map(m -> (Map<String, Object>) m).toList();
    }
}
