package io.mediagate.sandbox.streamone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.mediagate.sandbox.DemoConnection;
import io.mediagate.sandbox.FormDecoding;
import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.VendorSimulator;
import io.mediagate.sandbox.WireResponses;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * StreamOne API v3: {@code POST /api/<command>/<action>}, parameters in the query, arguments form-encoded in the
 * body, every request signed: lowercase-hex HMAC-SHA1 over {@code path?<query without signature>&<body>} with
 * the actor's pre-shared key, checked against the bytes as received (the SDKs sign {@code /api/<cmd>/<action>};
 * a simulator mounted under a path prefix strips it first, as a proxy in front of StreamOne would). Answers are
 * HTTP 200 with {@code {"header":{"status",…},"body":…}}; a wrong key or tampered argument is status 3, a stale
 * timestamp 2, an unknown parameter or argument 7, an unknown action 5, bad arguments 6, an unknown time zone 9,
 * a missing item 120. Dates are written in the {@code timezone} parameter's zone, else in the actor's own
 * ({@link #ACTOR_TIME_ZONE}), as the SDK documents. Rate limiting is answered by the fronting proxy as HTTP 429 +
 * Retry-After (StreamOne documents no quota). Sessions work as the SDK describes: {@code session/initialize} gives
 * a challenge and bcrypt salt, {@code session/create} checks the challenge response and returns a session id and
 * key, and session requests are signed with the application key followed by the session key (statuses 281
 * SESSION_INVALID and 282 SESSION_NOT_FOUND as in the SDK's {@code Status.php}).
 *
 * <p>Documented mode knows the actions and arguments the SDKs and docs show: {@code api/info}, {@code item/view},
 * {@code item/create}, {@code uploadtoken/create} and the session actions. {@code uploadtoken/create} only
 * reserves the item id: the item exists once a file is posted to the upload URL, archived unless the form says
 * {@code archived=0}. {@link io.mediagate.sandbox.SimulatorMode#GUESSED} adds the adapter's guesses:
 * {@code item/setproperties} and {@code item/delete} with {@code id}, the {@code keywords} filter on
 * {@code item/view}, and a {@code datemodified} item field.
 */
public final class StreamOneSimulator extends VendorSimulator {
    public static final String ACCOUNT = "Mn9mdVb-02mA";
    public static final String APPLICATION = "appl-7Q2xWz";
    public static final String APPLICATION_PSK = "apppsk-3f9e1c7a5b2d4e6f8a0b";
    public static final String USER = "user-Cmv8fnKf";
    public static final String USER_PSK = "userpsk-9a8b7c6d5e4f3a2b1c0d";
    /** The demo user's password, for the session (challenge/response) flow. */
    public static final String USER_PASSWORD = "demo-password-2026";

    static final Duration SESSION_TIMEOUT = Duration.ofHours(1);
    /** The demo actors' own time zone, used for dates unless a request names {@code timezone}. */
    public static final ZoneId ACTOR_TIME_ZONE = ZoneId.of("Europe/Amsterdam");
    /** Arguments each documented action takes (SDK README, docs pages, official demo apps); others are status 7. */
    private static final Map<String, Set<String>> DOCUMENTED_ARGUMENTS = Map.of(
            "/api/api/info", Set.of(),
            "/api/item/view",
                    Set.of(
                            "item",
                            "id",
                            "itemtype",
                            "archived",
                            "searchtitle",
                            "livestream",
                            "orderfield",
                            "order",
                            "limit",
                            "offset"),
            "/api/item/create",
                    Set.of(
                            "itemtype",
                            "title",
                            "author",
                            "copyright",
                            "description",
                            "dateaired",
                            "externalid",
                            "externallink",
                            "keywords",
                            "securityprofile",
                            "livestream",
                            "archived",
                            "protected",
                            "vrtype"),
            "/api/uploadtoken/create", Set.of("validfor", "item", "thumbnail"),
            "/api/session/initialize", Set.of("user", "userip"),
            "/api/session/create", Set.of("challenge", "response", "v2hash"),
            "/api/session/delete", Set.of());
    /** The adapter's guesses, answered in guessed mode only. */
    private static final Map<String, Set<String>> GUESSED_ARGUMENTS = Map.of(
            "/api/item/view", Set.of("keywords"),
            "/api/item/setproperties", Set.of("id", "title", "description", "keywords"),
            "/api/item/delete", Set.of("id"));

    private static final Set<String> PARAMETERS = Set.of(
            "api",
            "format",
            "authentication_type",
            "user",
            "application",
            "timestamp",
            "signature",
            "account",
            "customer",
            "timezone",
            "session");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> DATE_FIELDS = List.of("datecreated", "dateaired", "datemodified");

    private final Clock clock;
    private final Duration timestampWindow;
    private final Map<String, Map<String, Object>> items = new LinkedHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, String[]> challenges = new LinkedHashMap<>();
    private final Map<String, String[]> sessions = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** Upload tokens handed out and not yet used: token → the item id the upload will create. */
    private final Map<String, String> uploadTokens = new LinkedHashMap<>();

    private final String pathPrefix;

    public StreamOneSimulator(int port) {
        this(port, Clock.systemUTC(), Duration.ofMinutes(5));
    }

    /** @param timestampWindow how far a request's timestamp may be from the simulator's clock (unknown at the vendor) */
    public StreamOneSimulator(int port, Clock clock, Duration timestampWindow) {
        this(port, clock, timestampWindow, "");
    }

    /**
     * A simulator reached under {@code pathPrefix} (e.g. {@code /streamone}), as behind a path-routing proxy: the
     * prefix is part of the base URL but not of the path StreamOne signs.
     */
    public StreamOneSimulator(int port, Clock clock, Duration timestampWindow, String pathPrefix) {
        super(port);
        this.clock = clock;
        this.timestampWindow = timestampWindow;
        this.pathPrefix = pathPrefix.replaceAll("/+$", "");
        reseed();
    }

    @Override
    public StreamOneSimulator mode(SimulatorMode mode) {
        super.mode(mode);
        return this;
    }

    @Override
    public String vendor() {
        return "streamone";
    }

    @Override
    protected String basePath() {
        return pathPrefix;
    }

    @Override
    public List<DemoConnection> demoConnections() {
        return List.of(new DemoConnection(
                "streamone-demo",
                vendor(),
                baseUrl(),
                Map.of(
                        "authentication-type",
                        "application",
                        "actor-id",
                        APPLICATION,
                        "psk",
                        APPLICATION_PSK,
                        "account",
                        ACCOUNT),
                Map.of()));
    }

    @Override
    protected synchronized void reseed() {
        items.clear();
        challenges.clear();
        sessions.clear();
        uploadTokens.clear();
        sequence.set(0);
        String[][] seed = {
            {"Morning news", "Daily round-up", "news,daily", "00:12:30.000"},
            {"Cooking with Anna", "Pasta from scratch", "cooking", "00:24:05.500"},
            {"Match highlights", "Saturday's game", "sports,football", "00:05:41.000"},
            {"Concert live", "Full recording", "music,live", "01:32:00.000"},
            {"Tech review", "Phones of the year", "tech", "00:18:12.000"},
            {"Travel vlog: Lisbon", "Three days in Lisbon", "travel", "00:09:59.000"},
            {"Kids corner", "Songs and stories", "kids", "00:15:00.000"},
        };
        Instant base = Instant.parse("2026-01-10T08:00:00Z");
        for (int i = 0; i < seed.length; i++) {
            Map<String, Object> item =
                    item(seed[i][0], seed[i][1], seed[i][2], seed[i][3], base.plus(Duration.ofDays(i)));
            items.put((String) item.get("id"), item);
        }
    }

    private Map<String, Object> item(
            String title, String description, String keywords, String duration, Instant created) {
        String id = String.format("vMD_%08d", 9_000_000 + sequence.incrementAndGet() * 131);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("title", title);
        item.put("type", "video");
        item.put("description", description);
        item.put("keywords", keywords);
        item.put("duration", duration);
        // kept as instants; written in the request's time zone when answered
        item.put("datecreated", created);
        item.put("dateaired", created);
        item.put("datemodified", created);
        item.put("views", 10 * sequence.get());
        item.put("archived", false);
        item.put("selectedthumbnailurl", "https://content.streamonecloud.example/" + id + "/thumb.jpg");
        item.put(
                "medialink",
                Map.of(
                        "progressive",
                        "https://content.streamonecloud.example/" + id + "/video.mp4",
                        "hls",
                        "https://content.streamonecloud.example/" + id + "/index.m3u8"));
        item.put("account", Map.of("id", ACCOUNT, "name", "Demo account"));
        return item;
    }

    private static ResponseDefinition envelope(int status, String message, Object body, Map<String, Object> extra) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("status", status);
        header.put("statusmessage", message);
        header.put("apiversion", 3);
        header.put("cacheable", false);
        header.putAll(extra);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("header", header);
        answer.put("body", body);
        return WireResponses.json(200, answer);
    }

    private static ResponseDefinition status(int status, String message) {
        return envelope(status, message, null, Map.of());
    }

    @Override
    protected ResponseDefinition rateLimitedAnswer(Duration retryAfter) {
        return aResponse()
                .withStatus(429)
                .withHeader("Retry-After", Long.toString(retryAfter.toSeconds()))
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>429 Too Many Requests</body></html>")
                .build();
    }

    @Override
    protected ResponseDefinition serverError() {
        return aResponse()
                .withStatus(502)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>502 Bad Gateway</body></html>")
                .build();
    }

    @Override
    protected synchronized ResponseDefinition handle(Request request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String rawQuery = q < 0 ? "" : url.substring(q + 1);
        if (path.startsWith("/upload/")) {
            return upload(path.substring("/upload/".length()), request);
        }
        if (!path.startsWith(pathPrefix + "/")) {
            return aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body>404 Not Found</body></html>")
                    .build();
        }
        // the proxy in front forwards /api/…; StreamOne checks the signature over that path
        path = path.substring(pathPrefix.length());
        String body = request.getBodyAsString() == null ? "" : request.getBodyAsString();
        if (!request.getMethod().getName().equals("POST")) {
            return aResponse().withStatus(405).withHeader("Allow", "POST").build();
        }
        Map<String, String> params = form(rawQuery);
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                return status(7, "Unknown parameter: " + name);
            }
        }
        ResponseDefinition authFailure = authenticate(path, rawQuery, body, params);
        if (authFailure != null) {
            return authFailure;
        }
        ZoneId zone;
        try {
            zone = params.containsKey("timezone") ? ZoneId.of(params.get("timezone")) : ACTOR_TIME_ZONE;
        } catch (DateTimeException e) {
            return status(9, "Invalid timezone");
        }
        Set<String> known = new HashSet<>(DOCUMENTED_ARGUMENTS.getOrDefault(path, Set.of()));
        boolean action = DOCUMENTED_ARGUMENTS.containsKey(path);
        if (guessed() && GUESSED_ARGUMENTS.containsKey(path)) {
            known.addAll(GUESSED_ARGUMENTS.get(path));
            action = true;
        }
        if (!action) {
            return status(5, "Invalid action");
        }
        Map<String, String> args = form(body);
        for (String name : args.keySet()) {
            if (!known.contains(name)) {
                return status(7, "Unknown parameter: " + name);
            }
        }
        ResponseDefinition answer = switch (path) {
            case "/api/session/initialize" -> sessionInitialize(params, args);
            case "/api/session/create" -> sessionCreate(params, args);
            case "/api/session/delete" -> sessionDelete(params);
            case "/api/api/info" -> envelope(0, "OK", Map.of("version", "3.5.0", "timezone", zone.getId()), Map.of());
            case "/api/item/view" -> view(params, args, zone);
            case "/api/item/create" -> create(params, args, zone);
            case "/api/item/setproperties" -> setProperties(params, args, zone);
            case "/api/item/delete" -> delete(params, args);
            case "/api/uploadtoken/create" -> uploadToken(params, args);
            default -> status(5, "Invalid action");
        };
        return answer;
    }

    /** An item as answered: dates in {@code zone}, invented fields only in guessed mode. */
    private Map<String, Object> answered(Map<String, Object> item, ZoneId zone) {
        Map<String, Object> out = new LinkedHashMap<>(item);
        for (String field : DATE_FIELDS) {
            if (out.get(field) instanceof Instant at) {
                out.put(field, DATE.format(at.atZone(zone)));
            }
        }
        if (!guessed()) {
            // no StreamOne evidence shows a modification date on items
            out.remove("datemodified");
        }
        return out;
    }

    /**
     * The upload form post (StreamOne's upload page): {@code uploadtoken} and {@code returnurl} are required, the
     * file is {@code uploadfile}; {@code title} and {@code description} are optional, and the item is archived
     * unless {@code archived=0}. Success and failure both redirect to {@code returnurl}, failure with
     * {@code ?error=<status>}.
     */
    private ResponseDefinition upload(String token, Request request) {
        if (!request.getMethod().getName().equals("POST") || !request.isMultipart()) {
            return aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "text/plain")
                    .withBody("expected a multipart/form-data POST")
                    .build();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        boolean file = false;
        for (Request.Part part : request.getParts()) {
            if ("uploadfile".equals(part.getName())) {
                file = part.getBody().asBytes().length > 0;
            } else {
                fields.put(part.getName(), part.getBody().asString());
            }
        }
        String returnUrl = fields.get("returnurl");
        if (returnUrl == null || returnUrl.isBlank()) {
            return aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "text/plain")
                    .withBody("returnurl is required")
                    .build();
        }
        String itemId = uploadTokens.get(fields.getOrDefault("uploadtoken", token));
        if (itemId == null || !token.equals(fields.get("uploadtoken"))) {
            return redirect(returnUrl + "?error=190");
        }
        if (!file) {
            return redirect(returnUrl + "?error=6");
        }
        uploadTokens.remove(token);
        Map<String, Object> item = item(
                fields.getOrDefault("title", itemId),
                fields.getOrDefault("description", ""),
                "",
                "00:00:00.000",
                clock.instant());
        item.put("id", itemId);
        item.put("archived", !"0".equals(fields.get("archived")));
        items.put(itemId, item);
        return redirect(returnUrl);
    }

    private static ResponseDefinition redirect(String location) {
        return aResponse().withStatus(303).withHeader("Location", location).build();
    }

    /** Checks the signature over the raw query (minus {@code signature}) and body, as the vendor does. */
    private ResponseDefinition authenticate(String path, String rawQuery, String body, Map<String, String> params) {
        String type = params.getOrDefault("authentication_type", "user");
        String actor = params.get(type.equals("application") ? "application" : "user");
        String psk = type.equals("application") && APPLICATION.equals(actor)
                ? APPLICATION_PSK
                : type.equals("user") && USER.equals(actor) ? USER_PSK : null;
        String sessionId = params.get("session");
        if (sessionId != null) {
            // a session request: application auth only, signed with the application key + the session key
            String[] session = sessions.get(sessionId);
            if (!type.equals("application") || psk == null) {
                return status(3, "Authentication failed");
            }
            if (session == null) {
                return status(282, "Session not found");
            }
            if (clock.instant().isAfter(Instant.parse(session[2]))) {
                sessions.remove(sessionId);
                return status(281, "Session invalid");
            }
            psk = psk + session[0];
        }
        String signature = params.get("signature");
        if (psk == null || signature == null || params.get("timestamp") == null) {
            return status(3, "Authentication failed");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(params.get("timestamp"));
        } catch (NumberFormatException e) {
            return status(3, "Authentication failed");
        }
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > timestampWindow.toSeconds()) {
            return status(2, "Timestamp out of range");
        }
        List<String> signed = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.startsWith("signature=")) {
                signed.add(pair);
            }
        }
        String message = path + "?" + String.join("&", signed) + "&" + body;
        if (!MessageDigest.isEqual(
                hmacSha1Hex(psk, message).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return status(3, "Authentication failed");
        }
        return null;
    }

    private ResponseDefinition sessionInitialize(Map<String, String> params, Map<String, String> args) {
        if (!"application".equals(params.get("authentication_type")) || params.containsKey("session")) {
            return status(4, "Sessions are started by an application");
        }
        if (!USER.equals(args.get("user"))) {
            return status(310, "User not found");
        }
        String challenge = HexFormat.of().formatHex(bytes(16));
        String salt = BCrypt.gensalt("$2y", 4);
        challenges.put(challenge, new String[] {args.get("user"), salt});
        return envelope(0, "OK", Map.of("challenge", challenge, "salt", salt, "needsv2hash", false), Map.of());
    }

    private ResponseDefinition sessionCreate(Map<String, String> params, Map<String, String> args) {
        String[] pending = args.get("challenge") == null ? null : challenges.remove(args.get("challenge"));
        if (pending == null) {
            // no initialised session holds this challenge
            return status(282, "Session not found");
        }
        String expected = sessionResponse(USER_PASSWORD, pending[1], args.get("challenge"));
        if (args.get("response") == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII),
                        args.get("response").getBytes(StandardCharsets.US_ASCII))) {
            return status(3, "Authentication failed");
        }
        String id = "ses-" + HexFormat.of().formatHex(bytes(8));
        String key = HexFormat.of().formatHex(bytes(16));
        sessions.put(id, new String[] {
            key, pending[0], clock.instant().plus(SESSION_TIMEOUT).toString()
        });
        return envelope(
                0,
                "OK",
                Map.of("id", id, "key", key, "user", pending[0], "timeout", SESSION_TIMEOUT.toSeconds()),
                Map.of("sessiontimeout", SESSION_TIMEOUT.toSeconds()));
    }

    private ResponseDefinition sessionDelete(Map<String, String> params) {
        String id = params.get("session");
        return id != null && sessions.remove(id) != null
                ? envelope(0, "OK", true, Map.of())
                : status(282, "Session not found");
    }

    /**
     * The official SDK's challenge response (Password.php): with {@code hash = crypt(md5hex(password), salt)},
     * {@code base64(sha256hex(sha256hex(hash) + challenge) XOR hash)}, where PHP's string XOR stops at the
     * shorter operand.
     */
    public static String sessionResponse(String password, String salt, String challenge) {
        String hash = BCrypt.hashpw(hex("MD5", password), salt);
        String mixed = hex("SHA-256", hex("SHA-256", hash) + challenge);
        byte[] a = mixed.getBytes(StandardCharsets.US_ASCII);
        byte[] b = hash.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[Math.min(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return Base64.getEncoder().encodeToString(out);
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static String hmacSha1Hex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseDefinition accountCheck(Map<String, String> params) {
        String account = params.get("account");
        if (account == null && params.get("customer") == null) {
            return status(6, "This action requires an active account");
        }
        if (account != null && !List.of(account.split(",")).contains(ACCOUNT)) {
            return status(290, "Account not found");
        }
        return null;
    }

    private ResponseDefinition view(Map<String, String> params, Map<String, String> args, ZoneId zone) {
        ResponseDefinition bad = accountCheck(params);
        if (bad != null) {
            return bad;
        }
        int offset;
        int limit;
        try {
            offset = Integer.parseInt(args.getOrDefault("offset", "0"));
            limit = Integer.parseInt(args.getOrDefault("limit", "30"));
        } catch (NumberFormatException e) {
            return status(6, "Invalid argument: offset and limit must be integers");
        }
        if (offset < 0 || limit < 1 || limit > 100) {
            return status(6, "Invalid argument: offset >= 0, limit 1-100");
        }
        String ids = args.containsKey("item") ? args.get("item") : args.get("id");
        String search = args.get("searchtitle");
        String keyword = args.get("keywords");
        List<Map<String, Object>> matching = new ArrayList<>();
        List<Map<String, Object>> newest = new ArrayList<>(items.values());
        newest.sort((a, b) -> ((Instant) b.get("datecreated")).compareTo((Instant) a.get("datecreated")));
        for (Map<String, Object> item : newest) {
            if (ids != null && !List.of(ids.split(",")).contains(item.get("id"))) {
                continue;
            }
            if (search != null
                    && !((String) item.get("title"))
                            .toLowerCase(Locale.ROOT)
                            .contains(search.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (keyword != null
                    && !List.of(((String) item.get("keywords")).split(",")).contains(keyword)) {
                continue;
            }
            matching.add(answered(item, zone));
        }
        if (ids != null && matching.isEmpty()) {
            return status(120, "Item not found");
        }
        int to = Math.min(matching.size(), offset + limit);
        List<Map<String, Object>> page = new ArrayList<>(matching.subList(Math.min(offset, to), to));
        return envelope(0, "OK", page, Map.of("count", matching.size()));
    }

    private ResponseDefinition create(Map<String, String> params, Map<String, String> args, ZoneId zone) {
        ResponseDefinition bad = accountCheck(params);
        if (bad != null) {
            return bad;
        }
        Map<String, Object> item = item(
                args.getOrDefault("title", "Untitled"),
                args.getOrDefault("description", ""),
                args.getOrDefault("keywords", ""),
                "00:00:00.000",
                clock.instant());
        items.put((String) item.get("id"), item);
        return envelope(0, "OK", answered(item, zone), Map.of());
    }

    private ResponseDefinition setProperties(Map<String, String> params, Map<String, String> args, ZoneId zone) {
        ResponseDefinition bad = accountCheck(params);
        if (bad != null) {
            return bad;
        }
        Map<String, Object> item = items.get(args.get("id"));
        if (args.get("id") == null) {
            return status(6, "Missing argument: id");
        }
        if (item == null) {
            return status(120, "Item not found");
        }
        for (String field : List.of("title", "description", "keywords")) {
            if (args.containsKey(field)) {
                item.put(field, args.get(field));
            }
        }
        item.put("datemodified", clock.instant());
        return envelope(0, "OK", answered(item, zone), Map.of());
    }

    private ResponseDefinition delete(Map<String, String> params, Map<String, String> args) {
        ResponseDefinition bad = accountCheck(params);
        if (bad != null) {
            return bad;
        }
        if (args.get("id") == null) {
            return status(6, "Missing argument: id");
        }
        return items.remove(args.get("id")) == null ? status(120, "Item not found") : envelope(0, "OK", true, Map.of());
    }

    private ResponseDefinition uploadToken(Map<String, String> params, Map<String, String> args) {
        ResponseDefinition bad = accountCheck(params);
        if (bad != null) {
            return bad;
        }
        long validFor;
        try {
            validFor = Long.parseLong(args.getOrDefault("validfor", "3600"));
        } catch (NumberFormatException e) {
            return status(6, "Invalid argument: validfor");
        }
        if (validFor < 1 || validFor > 86_400) {
            return status(6, "Invalid argument: validfor must be at most 24 hours");
        }
        // "the ID that this newly created item will have after the upload has been completed": reserved only
        String itemId = String.format("vMD_%08d", 9_000_000 + sequence.incrementAndGet() * 131);
        String token = "upl" + HexFormat.of().formatHex(bytes(8));
        uploadTokens.put(token, itemId);
        String upload = "http://127.0.0.1:" + port() + "/upload/" + token;
        return envelope(
                0,
                "OK",
                Map.of(
                        "token",
                        token,
                        "uploadurl",
                        upload,
                        "uploadurlhttps",
                        upload,
                        "itemid",
                        itemId,
                        "fileid",
                        "f" + sequence.get()),
                Map.of());
    }

    private static Map<String, String> form(String encoded) {
        return FormDecoding.first(encoded);
    }

    /** Item ids currently stored, for tests. */
    public synchronized List<String> itemIds() {
        return new ArrayList<>(items.keySet());
    }
}
