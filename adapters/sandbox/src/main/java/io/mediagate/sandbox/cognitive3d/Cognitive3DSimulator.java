package io.mediagate.sandbox.cognitive3d;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.mediagate.sandbox.DemoConnection;
import io.mediagate.sandbox.FixedWindowLimit;
import io.mediagate.sandbox.VendorSimulator;
import io.mediagate.sandbox.WireResponses;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Cognitive3D's public API ({@code https://api.cognitive3d.com/v0}) as far as organisation keys and the project
 * media library go: {@code Authorization: orgkey-…} or legacy {@code APIKEY:ORGANIZATION …} on every call, one
 * organisation per key (another organisation's project answers 403), plain-text error bodies, media listed as a
 * plain array, the file served back with the content type it was uploaded with.
 *
 * <p>{@link io.mediagate.sandbox.SimulatorMode#DOCUMENTED Documented} mode (the default) answers only the media
 * routes the vendor documents: the list {@code GET …/media?excludeArchived=true},
 * {@code GET …/media/:id/files/…}, {@code GET …/media/:id/pointOfInterests} and {@code DELETE …/media/:id}, plus
 * whoami. The adapter's old guesses, a single-item {@code GET …/media/:id}, {@code PUT …/media/:id} and the raw
 * upload {@code POST …/media?fileName=}, answer {@code 404 Not Found} there exactly like any unknown route;
 * {@link io.mediagate.sandbox.SimulatorMode#GUESSED guessed} mode implements them. Vendor facts and guesses are in
 * {@code shared/vendors/notes/cognitive3d.md} §2
 * and {@code EVIDENCE.md} §4; guesses are marked [G].
 */
public final class Cognitive3DSimulator extends VendorSimulator {
    /** The demo organisation's current-style key (sent raw). */
    public static final String DEMO_ORG_KEY = "orgkey-demo-5f2c8e1a9b7d4c30";
    /** The demo organisation's pre-May-2025 key (sent as {@code APIKEY:ORGANIZATION <key>}). */
    public static final String DEMO_LEGACY_KEY = "9f1c2b3a4d5e6f708192a3b4c5d6e7f8";
    /** A second organisation's key, for isolation tests. */
    public static final String OTHER_ORG_KEY = "orgkey-northwind-0c9d8e7f6a5b4c3d";

    public static final long DEMO_ORG = 101;
    public static final long OTHER_ORG = 202;
    /** The demo organisation's main project: 7 live 360° videos, 1 archived video, 2 images. */
    public static final long DEMO_PROJECT = 4242;

    public static final long DEMO_SECOND_PROJECT = 4243;
    /** The other organisation's project: 3 videos, 1 image. */
    public static final long OTHER_PROJECT = 5150;

    static final String LEGACY_SCHEME = "APIKEY:ORGANIZATION ";
    /** [G] no numbers are documented; generous enough that only a runaway client meets it. */
    static final int REQUESTS_PER_MINUTE = 600;

    private record Project(long id, long organizationId, String name) {}

    private final Map<String, Long> keys =
            Map.of(DEMO_ORG_KEY, DEMO_ORG, DEMO_LEGACY_KEY, DEMO_ORG, OTHER_ORG_KEY, OTHER_ORG);
    private final Map<Long, String> organizations = Map.of(DEMO_ORG, "Mediagate Demo Lab", OTHER_ORG, "Northwind XR");
    private final Map<Long, Project> projects = Map.of(
            DEMO_PROJECT, new Project(DEMO_PROJECT, DEMO_ORG, "Demo VR Training"),
            DEMO_SECOND_PROJECT, new Project(DEMO_SECOND_PROJECT, DEMO_ORG, "Demo Showroom"),
            OTHER_PROJECT, new Project(OTHER_PROJECT, OTHER_ORG, "Northwind Plant"));
    private final Map<Long, FixedWindowLimit> limits = new ConcurrentHashMap<>();
    private final Map<Long, C3dMedia> media = new LinkedHashMap<>();
    private long nextMediaId;

    public Cognitive3DSimulator(int port) {
        super(port);
        reseed();
    }

    @Override
    public String vendor() {
        return "cognitive3d";
    }

    @Override
    protected String basePath() {
        return "/v0";
    }

    @Override
    public List<DemoConnection> demoConnections() {
        return List.of(new DemoConnection(
                "cognitive3d-demo",
                vendor(),
                baseUrl(),
                Map.of("api-key", DEMO_ORG_KEY, "key-format", "orgkey"),
                Map.of("project-id", String.valueOf(DEMO_PROJECT))));
    }

    @Override
    protected synchronized void reseed() {
        media.clear();
        limits.clear();
        nextMediaId = 301;
        video(
                DEMO_PROJECT,
                "Forklift Safety Walkthrough",
                "Pre-shift forklift checks in 360°",
                "https://cdn.example.com/c3d/forklift.mp4");
        video(DEMO_PROJECT, "Warehouse Orientation 360", "First-day tour of the warehouse floor", null);
        video(DEMO_PROJECT, "Emergency Exit Drill", "Evacuation routes from every aisle", null);
        video(DEMO_PROJECT, "Assembly Line Tour", "", null);
        video(DEMO_PROJECT, "Loading Dock Procedures", "Truck docking and chock placement", null);
        image(DEMO_PROJECT, "Control Panel Reference", "image/png");
        video(DEMO_PROJECT, "Hazmat Handling Basics", "Spill kit usage", null);
        video(DEMO_PROJECT, "Night Shift Briefing", "", null);
        video(DEMO_PROJECT, "Old Onboarding", "Superseded by the 360 orientation", null).archived = true;
        image(DEMO_PROJECT, "Site Map", "image/jpeg");
        video(DEMO_SECOND_PROJECT, "Showroom Flythrough", "", null);
        image(DEMO_SECOND_PROJECT, "Showroom Floorplan", "image/png");
        video(OTHER_PROJECT, "Northwind Plant Tour", "", null);
        video(OTHER_PROJECT, "Northwind Crane Training", "Overhead crane signals", null);
        image(OTHER_PROJECT, "Northwind Logo Panorama", "image/png");
        video(OTHER_PROJECT, "Northwind Safety Induction", "", null);
    }

    private C3dMedia video(long projectId, String name, String description, String externalUrl) {
        byte[] file = ("\0\0\0\u0018ftypmp42 360 video " + name).getBytes(StandardCharsets.ISO_8859_1);
        return add(projectId, name, description, false, "source.mp4", "video/mp4", externalUrl, file);
    }

    private void image(long projectId, String name, String contentType) {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0};
        // the vendor's documented download path for flat images is files/source_albedo.png, whatever the format
        add(
                projectId,
                name,
                "",
                true,
                "source_albedo.png",
                contentType,
                null,
                contentType.equals("image/png") ? png : jpeg);
    }

    private C3dMedia add(
            long projectId,
            String name,
            String description,
            boolean staticMedia,
            String fileName,
            String contentType,
            String externalUrl,
            byte[] file) {
        long id = nextMediaId++;
        String uploadId = UUID.nameUUIDFromBytes(("c3d-media-" + id).getBytes(StandardCharsets.UTF_8))
                .toString();
        C3dMedia item = new C3dMedia(
                id, projectId, uploadId, name, description, staticMedia, fileName, contentType, externalUrl, file);
        media.put(id, item);
        return item;
    }

    @Override
    protected ResponseDefinition rateLimitedAnswer(Duration retryAfter) {
        // [G] the vendor documents no rate-limit headers; we send Retry-After in whole seconds, rounded up
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return aResponse()
                .withStatus(429)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withHeader("Retry-After", String.valueOf(seconds))
                .withBody("Too Many Requests")
                .build();
    }

    @Override
    protected ResponseDefinition serverError() {
        // "some server errors come back as HTML pages" (notes §2.4), e.g. the load balancer's 502
        return aResponse()
                .withStatus(502)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
                        + "</h1></center></body></html>")
                .build();
    }

    @Override
    protected ResponseDefinition handle(Request request) {
        URI uri = URI.create(request.getUrl());
        String path = uri.getRawPath();
        Long organization = authenticate(request.getHeader("Authorization"));
        if (organization == null) {
            return WireResponses.text(401, "Unauthorized");
        }
        if (!path.startsWith("/v0/")) {
            return notFound();
        }
        Duration wait = limits.computeIfAbsent(
                        organization,
                        o -> new FixedWindowLimit(REQUESTS_PER_MINUTE, Duration.ofMinutes(1), Clock.systemUTC()))
                .tryAcquire();
        if (wait != null) {
            return rateLimitedAnswer(wait);
        }
        String[] segments = path.substring("/v0/".length()).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = URLDecoder.decode(segments[i], StandardCharsets.UTF_8);
        }
        String method = request.getMethod().getName().toUpperCase(Locale.ROOT);
        synchronized (this) {
            return route(method, segments, query(uri.getRawQuery()), request, organization);
        }
    }

    /**
     * The organisation a header value authenticates, or null. Current keys carry the {@code orgkey-} prefix and
     * are sent as they are; keys issued before May 2025 need the {@code APIKEY:ORGANIZATION } scheme. [G] a
     * current key is also accepted behind the legacy scheme. Never "Bearer".
     */
    static Long authenticate(String header, Map<String, Long> keys) {
        if (header == null) {
            return null;
        }
        if (header.startsWith(LEGACY_SCHEME)) {
            return keys.get(header.substring(LEGACY_SCHEME.length()));
        }
        return header.startsWith("orgkey-") ? keys.get(header) : null;
    }

    private Long authenticate(String header) {
        return authenticate(header, keys);
    }

    private ResponseDefinition route(
            String method, String[] s, Map<String, String> query, Request request, long organization) {
        if (s.length == 3
                && s[0].equals("organizations")
                && s[1].equals("apiKeys")
                && s[2].equals("whoami")
                && method.equals("GET")) {
            return WireResponses.json(200, Map.of("organizationId", organization));
        }
        if (s.length == 2 && s[0].equals("organizations") && method.equals("GET")) {
            return organization(s[1], organization);
        }
        if (s.length < 2 || !s[0].equals("projects")) {
            return notFound();
        }
        Project project = projects.get(parseId(s[1]));
        if (project == null) {
            return notFound();
        }
        if (project.organizationId() != organization) {
            // the key is valid but its organisation does not hold this project: permission denied (notes §2.4)
            return WireResponses.text(403, "Forbidden");
        }
        if (s.length == 2 && method.equals("GET")) {
            return WireResponses.json(200, projectJson(project));
        }
        if (!s[2].equals("media")) {
            return notFound();
        }
        if (s.length == 3) {
            return switch (method) {
                case "GET" -> list(project, "true".equals(query.get("excludeArchived")));
                // [G] undocumented: an unknown route unless the guessed mode is on
                case "POST" -> guessed() ? upload(project, query, request) : notFound();
                default -> notFound();
            };
        }
        C3dMedia item = media.get(parseId(s[3]));
        if (item == null || item.projectId != project.id()) {
            return notFound();
        }
        if (s.length == 4) {
            return switch (method) {
                // [G] neither a single-item GET nor a PUT is documented: unknown routes unless guessed
                case "GET" -> guessed() ? WireResponses.json(200, item.toJson()) : notFound();
                case "PUT" -> guessed() ? update(item, request) : notFound();
                case "DELETE" -> {
                    // [G] like question sets, deleting media archives it: excludeArchived=true hides it afterwards
                    item.archived = true;
                    yield aResponse().withStatus(200).build();
                }
                default -> notFound();
            };
        }
        if (s.length == 5 && s[4].equals("pointOfInterests") && method.equals("GET")) {
            return WireResponses.json(200, List.of());
        }
        if (s.length == 6 && s[4].equals("files") && s[5].equals(item.fileName) && method.equals("GET")) {
            return aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", item.contentType)
                    .withBody(item.file)
                    .build();
        }
        return notFound();
    }

    private ResponseDefinition organization(String id, long organization) {
        long orgId = parseId(id);
        if (!organizations.containsKey(orgId)) {
            return notFound();
        }
        if (orgId != organization) {
            return WireResponses.text(403, "Forbidden");
        }
        List<Object> own = new ArrayList<>();
        projects.values().stream()
                .filter(p -> p.organizationId() == orgId)
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .forEach(p -> own.add(projectJson(p)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", orgId);
        json.put("name", organizations.get(orgId));
        json.put("projects", own);
        return WireResponses.json(200, json);
    }

    private static Map<String, Object> projectJson(Project p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id());
        json.put("organizationId", p.organizationId());
        json.put("name", p.name());
        json.put("description", "");
        json.put("projectType", "vr");
        json.put("hidden", false);
        return json;
    }

    private ResponseDefinition list(Project project, boolean excludeArchived) {
        // a plain array, no paging (notes §2.3)
        List<Object> items = new ArrayList<>();
        for (C3dMedia item : media.values()) {
            if (item.projectId == project.id() && !(excludeArchived && item.archived)) {
                items.add(item.toJson());
            }
        }
        return WireResponses.json(200, items);
    }

    /**
     * [G] The upload route is undocumented (guessed mode only). Modelled on the overview's rule for raw-file routes: the body is the
     * file itself and Content-Type must be the file's real type; {@code fileName}, {@code name} and
     * {@code description} travel in the query. Images become static media, videos 360° media.
     */
    private ResponseDefinition upload(Project project, Map<String, String> query, Request request) {
        String fileName = query.get("fileName");
        if (fileName == null || fileName.isBlank() || fileName.contains("/")) {
            return WireResponses.text(400, "fileName is required");
        }
        String contentType = request.getHeader("Content-Type");
        String type =
                contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        boolean image = type.startsWith("image/");
        if (!image && !type.startsWith("video/")) {
            return WireResponses.text(400, "Unsupported content type");
        }
        byte[] body = request.getBody();
        if (body == null || body.length == 0) {
            return WireResponses.text(400, "Empty file");
        }
        String name = query.getOrDefault("name", fileName);
        C3dMedia item = add(
                project.id(), name, query.getOrDefault("description", ""), image, fileName, type, null, body.clone());
        return WireResponses.json(201, item.toJson());
    }

    /**
     * [G] The update route is undocumented (guessed mode only); modelled on {@code PUT /projects/:id}: a JSON body
     * of the fields to change.
     */
    private ResponseDefinition update(C3dMedia item, Request request) {
        JsonNode body;
        try {
            body = WireResponses.mapper().readTree(request.getBodyAsString());
        } catch (JacksonException e) {
            return WireResponses.text(400, "Invalid json");
        }
        if (body == null || !body.isObject()) {
            return WireResponses.text(400, "Invalid json");
        }
        JsonNode name = body.get("name");
        if (name != null && (!name.isString() || name.asString().isBlank())) {
            return WireResponses.text(400, "Invalid name");
        }
        JsonNode description = body.get("description");
        if (description != null && !description.isNull() && !description.isString()) {
            return WireResponses.text(400, "Invalid description");
        }
        if (name != null) {
            item.name = name.asString();
        }
        if (description != null) {
            item.description = description.isNull() ? "" : description.asString();
        }
        return WireResponses.json(200, item.toJson());
    }

    /** Media of a project, for tests that check state without going through the API. */
    public synchronized List<Map<String, Object>> mediaOf(long projectId) {
        List<Map<String, Object>> items = new ArrayList<>();
        media.values().stream().filter(m -> m.projectId == projectId).forEach(m -> items.add(m.toJson()));
        return items;
    }

    private static ResponseDefinition notFound() {
        return WireResponses.text(404, "Not Found");
    }

    private static long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }
}
