package io.mediagate.sandbox.parone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.mediagate.sandbox.DemoConnection;
import io.mediagate.sandbox.FixedWindowLimit;
import io.mediagate.sandbox.FormDecoding;
import io.mediagate.sandbox.SimulatorMode;
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
import tools.jackson.databind.JsonNode;

/**
 * ParOne's external API v2 ({@code https://external.parone.io/v2}). Read-only endpoints ({@code GET /v2/videos/})
 * take {@code X-Parone-Sync-Code} and pick a sub-organisation by the documented {@code mmi} query parameter; writes
 * ({@code POST /v2/content/}, {@code POST /v2/content/complete}) take the write credentials of the configured
 * {@link WriteAuth} scheme and {@code X-ParOne-MMI-Key}. Answers use the {@code {"status":"ok","data":…}} /
 * {@code {"error":…,"status":"KO"}} envelope, and each organisation is held to its plan's requests per minute
 * (100 standard, 1000 enterprise) with 429 + Retry-After.
 *
 * <p>Documented mode knows only what ParOne's pages show: an unknown route (the update and delete routes among
 * them) answers 404 JSON, an unknown argument ({@code tags[]}, whose encoding the docs leave out) is ignored, the
 * MMI header does not scope sync-code reads, and content creation answers {@code contentKey} and
 * {@code thumbnailUrl} only. {@link io.mediagate.sandbox.SimulatorMode#GUESSED} adds the adapter's guesses:
 * {@code PUT|PATCH|DELETE /v2/content/{key}} (answering {@code {"status":"ok"}} alone, which the overview allows),
 * the {@code tags[]} filter, an {@code uploadUrl} in the create answer, and the MMI header on reads.
 */
public final class ParOneSimulator extends VendorSimulator {
    public static final String SYNC_CODE = "sync-7f3a9c21d4";
    public static final String API_KEY = "pk_live_51c0ffee";
    public static final String API_SECRET = "sk_live_9b8a7c6d5e4f";
    public static final String MMI_NORTH = "mmi-north-4471";
    public static final String MMI_SOUTH = "mmi-south-9902";
    /** The token of the {@link WriteAuth#AUTHORIZATION} scheme, sent verbatim as {@code Authorization}. */
    public static final String API_TOKEN = "pt_live_4e1d7a0c2b";

    private static final String PARENT = "";

    private final Clock clock = Clock.systemUTC();
    private final int planRequests;
    private final Duration window;
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final Map<String, Map<String, Map<String, Object>>> orgs = new LinkedHashMap<>();
    private final Map<String, FixedWindowLimit> limits = new LinkedHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile WriteAuth writeAuth = WriteAuth.KEY_SECRET;

    /**
     * How ParOne authenticates writes. Its overview names {@code X-Parone-Api-Key} + {@code X-Parone-Api-Secret};
     * its content page names an {@code Authorization} header ("your API authentication token"). Which one the
     * vendor checks is not settled, so a test picks the one to require.
     */
    public enum WriteAuth {
        KEY_SECRET,
        AUTHORIZATION
    }

    /** A standard-plan account: 100 requests a minute per organisation. */
    public ParOneSimulator(int port) {
        this(port, 100);
    }

    public ParOneSimulator(int port, int requestsPerMinute) {
        this(port, requestsPerMinute, Duration.ofMinutes(1));
    }

    /** A plan of {@code requests} per {@code window} (tests use short windows to stay fast). */
    public ParOneSimulator(int port, int requests, Duration window) {
        super(port);
        this.planRequests = requests;
        this.window = window;
        reseed();
    }

    @Override
    public ParOneSimulator mode(SimulatorMode mode) {
        super.mode(mode);
        return this;
    }

    /** Requires {@code scheme} on writes from now on (kept across {@link #reset}). */
    public ParOneSimulator writeAuth(WriteAuth scheme) {
        this.writeAuth = scheme;
        return this;
    }

    /** How many requests were answered 429 because of the plan limit since the last reset. */
    public int rateLimitedAnswers() {
        return rateLimited.get();
    }

    @Override
    public String vendor() {
        return "parone";
    }

    @Override
    protected String basePath() {
        return "/v2";
    }

    @Override
    public List<DemoConnection> demoConnections() {
        Map<String, String> full = Map.of("sync-code", SYNC_CODE, "api-key", API_KEY, "api-secret", API_SECRET);
        Map<String, String> sub = new LinkedHashMap<>(full);
        sub.put("mmi-key", MMI_NORTH);
        return List.of(
                new DemoConnection("parone-demo", vendor(), baseUrl(), full, Map.of()),
                new DemoConnection("parone-demo-sub", vendor(), baseUrl(), sub, Map.of()));
    }

    @Override
    protected synchronized void reseed() {
        orgs.clear();
        limits.clear();
        rateLimited.set(0);
        sequence.set(0);
        seed(PARENT, "HQ", 7);
        seed(MMI_NORTH, "North", 6);
        seed(MMI_SOUTH, "South", 6);
    }

    private void seed(String org, String label, int n) {
        Map<String, Map<String, Object>> videos = new LinkedHashMap<>();
        Instant base = Instant.parse("2026-02-01T12:00:00Z");
        for (int i = 1; i <= n; i++) {
            Map<String, Object> v = video(
                    label + " video " + i,
                    "Seeded " + label + " video " + i,
                    i % 2 == 0
                            ? List.of("golf", label.toLowerCase(Locale.ROOT))
                            : List.of(label.toLowerCase(Locale.ROOT)),
                    base.plus(Duration.ofHours(6L * i)));
            videos.put((String) v.get("contentKey"), v);
        }
        orgs.put(org, videos);
        limits.put(org, new FixedWindowLimit(planRequests, window, clock));
    }

    private Map<String, Object> video(String title, String description, List<String> tags, Instant at) {
        String key = String.format("k%07x", 0x1a2b3c + sequence.incrementAndGet() * 7919)
                .substring(0, 8);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("contentKey", key);
        v.put("title", title);
        v.put("description", description);
        v.put("duration", Integer.toString(30 + sequence.get() * 11));
        v.put("createdDate", at.toString());
        v.put("publishedDate", at.toString());
        v.put("tags", new ArrayList<>(tags));
        v.put("categories", List.of());
        v.put("customFields", new LinkedHashMap<String, String>());
        v.put("isLive", false);
        v.put("thumbnail", "https://thumbnails.parone.io/" + key + ".jpg");
        v.put("url", "https://cdn.parone.io/" + key + "/" + key + ".mp4");
        v.put("urlHLS", "https://cdn.parone.io/" + key + "/" + key + ".m3u8");
        return v;
    }

    private static ResponseDefinition ok(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("data", data);
        return WireResponses.json(200, body);
    }

    /** A success with a status field and no data, which ParOne's overview allows. */
    private static ResponseDefinition status(String status) {
        return WireResponses.json(200, Map.of("status", status));
    }

    private static ResponseDefinition ko(int status, String error) {
        return WireResponses.json(status, Map.of("error", error, "status", "KO"));
    }

    @Override
    protected ResponseDefinition rateLimitedAnswer(Duration retryAfter) {
        return aResponse()
                .withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())))
                .withBody("{\"error\":\"Rate limit exceeded\",\"status\":\"KO\"}")
                .build();
    }

    @Override
    protected ResponseDefinition serverError() {
        return ko(503, "Service temporarily unavailable");
    }

    @Override
    protected synchronized ResponseDefinition handle(Request request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String method = request.getMethod().getName();
        Map<String, List<String>> query = query(url);
        boolean read = method.equals("GET") && (path.equals("/v2/videos/") || path.equals("/v2/videos"));
        String org;
        if (read) {
            if (!SYNC_CODE.equals(header(request, "X-Parone-Sync-Code"))) {
                return ko(401, "Invalid sync code");
            }
            // the videos page documents a query parameter "mmi"; the MMI header is documented with write keys only
            String mmi = first(query, "mmi", guessed() ? header(request, "X-ParOne-MMI-Key") : null);
            org = mmi == null ? PARENT : mmi;
        } else if (path.startsWith("/v2/content")) {
            ResponseDefinition refused = checkWriteAuth(request);
            if (refused != null) {
                return refused;
            }
            String mmi = header(request, "X-ParOne-MMI-Key");
            org = mmi == null ? PARENT : mmi;
        } else {
            return notFound();
        }
        if (!orgs.containsKey(org)) {
            return ko(403, "Invalid MMI key");
        }
        Duration wait = limits.get(org).tryAcquire();
        if (wait != null) {
            rateLimited.incrementAndGet();
            return rateLimitedAnswer(wait.plusMillis(999));
        }
        Map<String, Map<String, Object>> videos = orgs.get(org);
        if (read) {
            return list(videos, query);
        }
        String rest = path.substring("/v2/content".length());
        String route = rest.isEmpty() || rest.equals("/")
                ? "/"
                : rest.matches("/complete/?") ? "/complete" : rest.matches("/[^/]+/?") ? "/{key}" : "?";
        String key = rest.replaceAll("^/|/$", "");
        return switch (method + " " + route) {
            case "POST /" -> create(videos, request);
            case "POST /complete" -> complete(videos, request);
            // not on any stored ParOne page: the adapter's guesses
            case "PUT /{key}", "PATCH /{key}" -> guessed() ? update(videos, key, request) : notFound();
            case "DELETE /{key}" ->
                !guessed() ? notFound() : videos.remove(key) == null ? ko(404, "Content not found") : status("ok");
            default -> notFound();
        };
    }

    /** The write credentials of the configured scheme; a sync code alone on a write endpoint is a 403. */
    private ResponseDefinition checkWriteAuth(Request request) {
        String key = header(request, "X-Parone-Api-Key");
        String authorization = header(request, "Authorization");
        if (key == null && authorization == null && header(request, "X-Parone-Sync-Code") != null) {
            return ko(403, "This endpoint requires an API key and secret");
        }
        boolean valid = switch (writeAuth) {
            case KEY_SECRET -> API_KEY.equals(key) && API_SECRET.equals(header(request, "X-Parone-Api-Secret"));
            case AUTHORIZATION -> API_TOKEN.equals(authorization);
        };
        return valid ? null : ko(401, "Invalid API key");
    }

    /** ParOne's answer to a route it does not have. */
    private static ResponseDefinition notFound() {
        return ko(404, "Not found");
    }

    private ResponseDefinition list(Map<String, Map<String, Object>> videos, Map<String, List<String>> query) {
        int page;
        int pageSize;
        try {
            page = Integer.parseInt(first(query, "page", "1"));
            pageSize = Integer.parseInt(first(query, "pageSize", "100"));
        } catch (NumberFormatException e) {
            return ko(400, "page and pageSize must be integers");
        }
        if (page < 1 || pageSize < 1 || pageSize > 500) {
            return ko(400, "page must be >= 1 and pageSize between 1 and 500");
        }
        String key = first(query, "contentKey", null);
        String search = first(query, "searchString", null);
        // the array encoding of "tags" is not in the stored docs: documented mode ignores tags[] as unknown
        List<String> tags = guessed() ? query.getOrDefault("tags[]", List.of()) : List.of();
        List<Map<String, Object>> matching = new ArrayList<>();
        List<Map<String, Object>> newestFirst = new ArrayList<>(videos.values());
        newestFirst.sort((a, b) -> ((String) b.get("createdDate")).compareTo((String) a.get("createdDate")));
        for (Map<String, Object> v : newestFirst) {
            if (key != null && !key.equals(v.get("contentKey"))) {
                continue;
            }
            if (search != null
                    && !((String) v.get("title")).toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT))) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<String> own = (List<String>) v.get("tags");
            if (!own.containsAll(tags)) {
                continue;
            }
            matching.add(v);
        }
        int from = Math.min(matching.size(), (page - 1) * pageSize);
        int to = Math.min(matching.size(), from + pageSize);
        return ok(new ArrayList<>(matching.subList(from, to)));
    }

    private ResponseDefinition create(Map<String, Map<String, Object>> videos, Request request) {
        JsonNode body = json(request);
        if (body == null) {
            return ko(400, "Invalid JSON body");
        }
        Map<String, Object> v = video(
                body.path("title").asString("Untitled"),
                body.path("description").asString(""),
                List.of(),
                clock.instant());
        v.put("status", "pending");
        videos.put((String) v.get("contentKey"), v);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contentKey", v.get("contentKey"));
        data.put("thumbnailUrl", v.get("thumbnail"));
        if (guessed()) {
            // the upload mechanism is not in the stored content page: an upload URL in the answer is a guess
            data.put("uploadUrl", "http://127.0.0.1:" + port() + "/upload/" + v.get("contentKey") + "?signature=sim");
        }
        return ok(data);
    }

    private ResponseDefinition complete(Map<String, Map<String, Object>> videos, Request request) {
        JsonNode body = json(request);
        String key = body == null ? null : body.path("contentKey").asString(null);
        Map<String, Object> v = key == null ? null : videos.get(key);
        if (v == null) {
            return ko(404, "Content not found");
        }
        v.remove("status");
        return ok(v);
    }

    private ResponseDefinition update(Map<String, Map<String, Object>> videos, String key, Request request) {
        Map<String, Object> v = videos.get(key);
        if (v == null) {
            return ko(404, "Content not found");
        }
        JsonNode body = json(request);
        if (body == null || !body.isObject()) {
            return ko(400, "Invalid JSON body");
        }
        if (body.has("title")) {
            v.put("title", body.get("title").asString());
        }
        if (body.has("description")) {
            v.put("description", body.get("description").asString());
        }
        if (body.has("tags")) {
            List<String> tags = new ArrayList<>();
            body.get("tags").forEach(t -> tags.add(t.asString()));
            v.put("tags", tags);
        }
        if (body.has("customFields")) {
            Map<String, String> fields = new LinkedHashMap<>();
            body.get("customFields")
                    .properties()
                    .forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
            v.put("customFields", fields);
        }
        return status("ok");
    }

    private static JsonNode json(Request request) {
        try {
            return WireResponses.mapper().readTree(request.getBodyAsString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String header(Request request, String name) {
        for (String h : request.getAllHeaderKeys()) {
            if (h.equalsIgnoreCase(name)) {
                return request.getHeader(h);
            }
        }
        return null;
    }

    private static Map<String, List<String>> query(String url) {
        return FormDecoding.all(url.contains("?") ? url : "");
    }

    private static String first(Map<String, List<String>> q, String name, String fallback) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? fallback : v.get(0);
    }

    /** The videos of an organisation ({@code null} = the parent), for tests. */
    public synchronized List<String> contentKeys(String mmiKey) {
        return new ArrayList<>(orgs.get(mmiKey == null ? PARENT : mmiKey).keySet());
    }
}
