package io.mediagate.sandbox.streamone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.sandbox.SimulatorMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The StreamOne simulator checks signatures, timestamps, parameters and sessions as the vendor does. */
class StreamOneSimulatorTest {
    static final StreamOneSimulator SIM = new StreamOneSimulator(0);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void reset() {
        SIM.mode(SimulatorMode.DOCUMENTED);
        SIM.reset();
    }

    private static String encode(Map<String, String> m) {
        StringJoiner j = new StringJoiner("&");
        new TreeMap<>(m)
                .forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }

    private static Map<String, String> appParams(long ts) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("api", "3");
        p.put("format", "json");
        p.put("authentication_type", "application");
        p.put("application", StreamOneSimulator.APPLICATION);
        p.put("account", StreamOneSimulator.ACCOUNT);
        p.put("timestamp", Long.toString(ts));
        return p;
    }

    private String call(String path, Map<String, String> params, Map<String, String> args, String key, String sendBody)
            throws Exception {
        String query = encode(params);
        String body = encode(args);
        String sig = StreamOneSimulator.hmacSha1Hex(key, path + "?" + query + "&" + body);
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(SIM.baseUrl() + path + "?" + query + "&signature=" + sig))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(sendBody != null ? sendBody : body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void acceptsACorrectlySignedRequest() throws Exception {
        assertThat(call(
                        "/api/item/view",
                        appParams(now()),
                        Map.of("limit", "2"),
                        StreamOneSimulator.APPLICATION_PSK,
                        null))
                .contains("\"status\":0")
                .contains("\"count\":7");
    }

    @Test
    void rejectsAWrongKeyATamperedArgumentAndAStaleTimestamp() throws Exception {
        assertThat(call("/api/item/view", appParams(now()), Map.of(), "wrong-key", null))
                .contains("\"status\":3");
        assertThat(call(
                        "/api/item/view",
                        appParams(now()),
                        Map.of("limit", "2"),
                        StreamOneSimulator.APPLICATION_PSK,
                        "limit=50"))
                .contains("\"status\":3");
        assertThat(call("/api/item/view", appParams(now() - 3600), Map.of(), StreamOneSimulator.APPLICATION_PSK, null))
                .contains("\"status\":2");
    }

    @Test
    void rejectsUnknownParametersAndActions() throws Exception {
        Map<String, String> params = appParams(now());
        params.put("colour", "red");
        assertThat(call("/api/item/view", params, Map.of(), StreamOneSimulator.APPLICATION_PSK, null))
                .contains("\"status\":7");
        assertThat(call("/api/item/frobnicate", appParams(now()), Map.of(), StreamOneSimulator.APPLICATION_PSK, null))
                .contains("\"status\":5");
        assertThat(call(
                        "/api/item/view",
                        appParams(now()),
                        Map.of("item", "vMD_nothere00"),
                        StreamOneSimulator.APPLICATION_PSK,
                        null))
                .contains("\"status\":120");
    }

    @Test
    void sessionsFollowTheSdkChallengeResponseAndSignWithBothKeys() throws Exception {
        String init = call(
                "/api/session/initialize",
                appParams(now()),
                Map.of("user", StreamOneSimulator.USER, "userip", "127.0.0.1"),
                StreamOneSimulator.APPLICATION_PSK,
                null);
        assertThat(init).contains("\"status\":0");
        String challenge = field(init, "challenge");
        String salt = field(init, "salt");
        String wrong = call(
                "/api/session/create",
                appParams(now()),
                Map.of(
                        "challenge",
                        challenge,
                        "response",
                        StreamOneSimulator.sessionResponse("not-the-password", salt, challenge)),
                StreamOneSimulator.APPLICATION_PSK,
                null);
        assertThat(wrong).contains("\"status\":3");
        String init2 = call(
                "/api/session/initialize",
                appParams(now()),
                Map.of("user", StreamOneSimulator.USER, "userip", "127.0.0.1"),
                StreamOneSimulator.APPLICATION_PSK,
                null);
        String created = call(
                "/api/session/create",
                appParams(now()),
                Map.of(
                        "challenge",
                        field(init2, "challenge"),
                        "response",
                        StreamOneSimulator.sessionResponse(
                                StreamOneSimulator.USER_PASSWORD, field(init2, "salt"), field(init2, "challenge"))),
                StreamOneSimulator.APPLICATION_PSK,
                null);
        assertThat(created).contains("\"status\":0").contains("\"sessiontimeout\":3600");
        String session = field(created, "id");
        String key = field(created, "key");
        Map<String, String> params = appParams(now());
        params.put("session", session);
        assertThat(call("/api/item/view", params, Map.of("limit", "1"), StreamOneSimulator.APPLICATION_PSK + key, null))
                .contains("\"status\":0");
        assertThat(call("/api/item/view", params, Map.of("limit", "1"), StreamOneSimulator.APPLICATION_PSK, null))
                .as("the application key alone does not sign a session request")
                .contains("\"status\":3");
        assertThat(call("/api/session/delete", params, Map.of(), StreamOneSimulator.APPLICATION_PSK + key, null))
                .contains("\"status\":0");
        assertThat(call("/api/item/view", params, Map.of(), StreamOneSimulator.APPLICATION_PSK + key, null))
                .as("Status.php: 282 SESSION_NOT_FOUND")
                .contains("\"status\":282");
    }

    @Test
    void anExpiredSessionIsSessionInvalid() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (StreamOneSimulator sim = new StreamOneSimulator(0, clock, Duration.ofDays(1))) {
            String init = call(
                    sim,
                    "/api/session/initialize",
                    appParams(now()),
                    Map.of("user", StreamOneSimulator.USER, "userip", "127.0.0.1"),
                    StreamOneSimulator.APPLICATION_PSK);
            String created = call(
                    sim,
                    "/api/session/create",
                    appParams(now()),
                    Map.of(
                            "challenge",
                            field(init, "challenge"),
                            "response",
                            StreamOneSimulator.sessionResponse(
                                    StreamOneSimulator.USER_PASSWORD, field(init, "salt"), field(init, "challenge"))),
                    StreamOneSimulator.APPLICATION_PSK);
            Map<String, String> params = appParams(now());
            params.put("session", field(created, "id"));
            clock.advance(StreamOneSimulator.SESSION_TIMEOUT.plusMinutes(1));
            assertThat(call(
                            sim,
                            "/api/item/view",
                            params,
                            Map.of(),
                            StreamOneSimulator.APPLICATION_PSK + field(created, "key")))
                    .as("Status.php: 281 SESSION_INVALID")
                    .contains("\"status\":281");
        }
    }

    @Test
    void datesComeInTheActorsTimeZoneUnlessTheRequestNamesOne() throws Exception {
        String own = call(
                "/api/item/view", appParams(now()), Map.of("limit", "100"), StreamOneSimulator.APPLICATION_PSK, null);
        // the oldest seeded item was created 2026-01-10T08:00:00Z: 09:00 in Amsterdam (CET)
        assertThat(own).contains("\"datecreated\":\"2026-01-10 09:00:00\"");
        Map<String, String> utc = appParams(now());
        utc.put("timezone", "UTC");
        String inUtc = call("/api/item/view", utc, Map.of("limit", "100"), StreamOneSimulator.APPLICATION_PSK, null);
        assertThat(inUtc).contains("\"datecreated\":\"2026-01-10 08:00:00\"").doesNotContain("09:00:00");
        Map<String, String> bad = appParams(now());
        bad.put("timezone", "Mars/Olympus");
        assertThat(call("/api/item/view", bad, Map.of(), StreamOneSimulator.APPLICATION_PSK, null))
                .contains("\"status\":9");
    }

    @Test
    void undocumentedActionsAndArgumentsAreUnknownUnlessGuessed() throws Exception {
        String id = SIM.itemIds().get(0);
        assertThat(call(
                        "/api/item/setproperties",
                        appParams(now()),
                        Map.of("id", id, "title", "x"),
                        StreamOneSimulator.APPLICATION_PSK,
                        null))
                .contains("\"status\":5");
        assertThat(call(
                        "/api/item/delete",
                        appParams(now()),
                        Map.of("id", id),
                        StreamOneSimulator.APPLICATION_PSK,
                        null))
                .contains("\"status\":5");
        assertThat(call(
                        "/api/item/view",
                        appParams(now()),
                        Map.of("keywords", "news"),
                        StreamOneSimulator.APPLICATION_PSK,
                        null))
                .contains("\"status\":7");
        assertThat(call(
                        "/api/item/view",
                        appParams(now()),
                        Map.of("limit", "1"),
                        StreamOneSimulator.APPLICATION_PSK,
                        null))
                .as("no invented modification date")
                .doesNotContain("datemodified");
        assertThat(SIM.itemIds()).contains(id);
        SIM.mode(SimulatorMode.GUESSED);
        try {
            assertThat(call(
                            "/api/item/view",
                            appParams(now()),
                            Map.of("keywords", "news"),
                            StreamOneSimulator.APPLICATION_PSK,
                            null))
                    .contains("\"status\":0")
                    .contains("\"count\":1");
            assertThat(call(
                            "/api/item/setproperties",
                            appParams(now()),
                            Map.of("id", id, "title", "Renamed"),
                            StreamOneSimulator.APPLICATION_PSK,
                            null))
                    .contains("\"status\":0")
                    .contains("Renamed");
            assertThat(call(
                            "/api/item/delete",
                            appParams(now()),
                            Map.of("id", id),
                            StreamOneSimulator.APPLICATION_PSK,
                            null))
                    .contains("\"status\":0");
            assertThat(SIM.itemIds()).doesNotContain(id);
        } finally {
            SIM.mode(SimulatorMode.DOCUMENTED);
        }
    }

    @Test
    void anUploadTokenReservesTheItemAndTheUploadCreatesItArchivedUnlessTold() throws Exception {
        String token = call(
                "/api/uploadtoken/create",
                appParams(now()),
                Map.of("validfor", "600"),
                StreamOneSimulator.APPLICATION_PSK,
                null);
        String itemId = field(token, "itemid");
        assertThat(SIM.itemIds()).as("no item before the upload").doesNotContain(itemId);
        assertThat(call(
                        "/api/item/view",
                        appParams(now()),
                        Map.of("item", itemId),
                        StreamOneSimulator.APPLICATION_PSK,
                        null))
                .contains("\"status\":120");
        HttpResponse<String> up = upload(
                field(token, "uploadurl"),
                Map.of(
                        "uploadtoken",
                        field(token, "token"),
                        "returnurl",
                        "https://app.example/done",
                        "title",
                        "Holiday"));
        assertThat(up.statusCode()).isEqualTo(303);
        assertThat(up.headers().firstValue("Location")).hasValue("https://app.example/done");
        assertThat(call(
                        "/api/item/view",
                        appParams(now()),
                        Map.of("item", itemId),
                        StreamOneSimulator.APPLICATION_PSK,
                        null))
                .contains("Holiday")
                .contains("\"archived\":true");
        String second =
                call("/api/uploadtoken/create", appParams(now()), Map.of(), StreamOneSimulator.APPLICATION_PSK, null);
        upload(
                field(second, "uploadurl"),
                Map.of(
                        "uploadtoken",
                        field(second, "token"),
                        "returnurl",
                        "https://app.example/done",
                        "archived",
                        "0"));
        assertThat(call(
                        "/api/item/view",
                        appParams(now()),
                        Map.of("item", field(second, "itemid")),
                        StreamOneSimulator.APPLICATION_PSK,
                        null))
                .contains("\"archived\":false");
        HttpResponse<String> reused = upload(
                field(token, "uploadurl"),
                Map.of("uploadtoken", field(token, "token"), "returnurl", "https://app.example/done"));
        assertThat(reused.headers().firstValue("Location")).hasValue("https://app.example/done?error=190");
    }

    @Test
    void underAPathPrefixTheSignedPathIsTheApiPathAlone() throws Exception {
        try (StreamOneSimulator prefixed =
                new StreamOneSimulator(0, Clock.systemUTC(), Duration.ofMinutes(5), "/streamone")) {
            assertThat(prefixed.baseUrl()).endsWith("/streamone");
            assertThat(call(
                            prefixed,
                            "/api/item/view",
                            appParams(now()),
                            Map.of("limit", "1"),
                            StreamOneSimulator.APPLICATION_PSK))
                    .contains("\"status\":0");
            String query = encode(appParams(now()));
            String signedWithPrefix = StreamOneSimulator.hmacSha1Hex(
                    StreamOneSimulator.APPLICATION_PSK, "/streamone/api/item/view?" + query + "&");
            assertThat(HTTP.send(
                                    HttpRequest.newBuilder(URI.create(prefixed.baseUrl() + "/api/item/view?" + query
                                                    + "&signature=" + signedWithPrefix))
                                            .POST(HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .contains("\"status\":3");
        }
    }

    private static HttpResponse<String> upload(String url, Map<String, String> fields) throws Exception {
        String boundary = "----kit" + System.nanoTime();
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(k)
                .append("\"\r\n\r\n")
                .append(v)
                .append("\r\n"));
        b.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"uploadfile\"; "
                        + "filename=\"a.mp4\"\r\nContent-Type: video/mp4\r\n\r\nfake-mp4-bytes\r\n--")
                .append(boundary)
                .append("--\r\n");
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(b.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String call(
            StreamOneSimulator sim, String path, Map<String, String> params, Map<String, String> args, String key)
            throws Exception {
        String query = encode(params);
        String body = encode(args);
        String sig = StreamOneSimulator.hmacSha1Hex(key, path + "?" + query + "&" + body);
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path + "?" + query + "&signature=" + sig))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** A clock tests move forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }
}
