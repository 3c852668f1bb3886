package io.mediagate.sandbox.streamone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
        SIM.reset();
    }

    private static String encode(Map<String, String> m) {
        StringJoiner j = new StringJoiner("&");
        new TreeMap<>(m).forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
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

    private String call(String path, Map<String, String> params, Map<String, String> args, String key,
                        String sendBody) throws Exception {
        String query = encode(params);
        String body = encode(args);
        String sig = StreamOneSimulator.hmacSha1Hex(key, path + "?" + query + "&" + body);
        return HTTP.send(HttpRequest.newBuilder(URI.create(SIM.baseUrl() + path + "?" + query + "&signature=" + sig))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(sendBody != null ? sendBody : body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void acceptsACorrectlySignedRequest() throws Exception {
        assertThat(call("/api/item/view", appParams(now()), Map.of("limit", "2"), StreamOneSimulator.APPLICATION_PSK,
                null)).contains("\"status\":0").contains("\"count\":7");
    }

    @Test
    void rejectsAWrongKeyATamperedArgumentAndAStaleTimestamp() throws Exception {
        assertThat(call("/api/item/view", appParams(now()), Map.of(), "wrong-key", null)).contains("\"status\":3");
        assertThat(call("/api/item/view", appParams(now()), Map.of("limit", "2"), StreamOneSimulator.APPLICATION_PSK,
                "limit=50")).contains("\"status\":3");
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
        assertThat(call("/api/item/view", appParams(now()), Map.of("item", "vMD_nothere00"),
                StreamOneSimulator.APPLICATION_PSK, null)).contains("\"status\":120");
    }

    @Test
    void sessionsFollowTheSdkChallengeResponseAndSignWithBothKeys() throws Exception {
        String init = call("/api/session/initialize", appParams(now()), Map.of("user", StreamOneSimulator.USER,
                "userip", "127.0.0.1"), StreamOneSimulator.APPLICATION_PSK, null);
        assertThat(init).contains("\"status\":0");
        String challenge = field(init, "challenge");
        String salt = field(init, "salt");
        String wrong = call("/api/session/create", appParams(now()), Map.of("challenge", challenge, "response",
                StreamOneSimulator.sessionResponse("not-the-password", salt, challenge)),
                StreamOneSimulator.APPLICATION_PSK, null);
        assertThat(wrong).contains("\"status\":3");
        String init2 = call("/api/session/initialize", appParams(now()), Map.of("user", StreamOneSimulator.USER,
                "userip", "127.0.0.1"), StreamOneSimulator.APPLICATION_PSK, null);
        String created = call("/api/session/create", appParams(now()), Map.of("challenge", field(init2, "challenge"),
                "response", StreamOneSimulator.sessionResponse(StreamOneSimulator.USER_PASSWORD, field(init2, "salt"),
                        field(init2, "challenge"))), StreamOneSimulator.APPLICATION_PSK, null);
        assertThat(created).contains("\"status\":0").contains("\"sessiontimeout\":3600");
        String session = field(created, "id");
        String key = field(created, "key");
        Map<String, String> params = appParams(now());
        params.put("session", session);
        assertThat(call("/api/item/view", params, Map.of("limit", "1"), StreamOneSimulator.APPLICATION_PSK + key, null))
                .contains("\"status\":0");
        assertThat(call("/api/item/view", params, Map.of("limit", "1"), StreamOneSimulator.APPLICATION_PSK, null))
                .as("the application key alone does not sign a session request").contains("\"status\":3");
        assertThat(call("/api/session/delete", params, Map.of(), StreamOneSimulator.APPLICATION_PSK + key, null))
                .contains("\"status\":0");
        assertThat(call("/api/item/view", params, Map.of(), StreamOneSimulator.APPLICATION_PSK + key, null))
                .contains("\"status\":280");
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }
}
