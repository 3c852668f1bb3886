package io.mediagate.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import io.mediagate.gateway.GatewayTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hundreds of malformed requests to every route: each must be a 4xx problem that follows the contract, none a
 * 5xx, and no vendor may see any of them.
 */
class BadInputCorpusIT extends GatewayTestSupport {
    private static final OpenApiInteractionValidator VALIDATOR;

    static {
        try (InputStream in = BadInputCorpusIT.class.getResourceAsStream("/openapi.yaml")) {
            VALIDATOR = OpenApiInteractionValidator.createForInlineApiSpecification(
                            new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String V = "/v1/connections/fake-main";

    @LocalServerPort
    int port;

    record Case(HttpMethod method, String path, String contentType, byte[] body, String auth) {
        @Override
        public String toString() {
            return method + " " + path
                    + (body == null
                            ? ""
                            : " body="
                                    + new String(body, StandardCharsets.UTF_8).substring(0, Math.min(60, body.length)));
        }
    }

    private static Case json(HttpMethod m, String path, String body) {
        return new Case(m, path, "application/json", body.getBytes(StandardCharsets.UTF_8), FULL);
    }

    static List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        String[] badIds = {
            "a%20b",
            "..",
            "%2e%2e",
            "a;b",
            "a%7Cb",
            "%3Cscript%3E",
            "-lead",
            "_lead",
            "x".repeat(129),
            "%C3%28",
            "%FF%FE",
            "%00",
            "a%0Ab",
            "%E2%80%AE",
            "a%2Fb",
            "a%5Cb",
            "%25",
            "%22quoted%22",
            "a%27b",
            "a%60b"
        };
        for (String id : badIds) {
            cases.add(new Case(HttpMethod.GET, V + "/videos/" + id, null, null, FULL));
            cases.add(new Case(HttpMethod.DELETE, V + "/videos/" + id, null, null, FULL));
            cases.add(json(HttpMethod.PATCH, V + "/videos/" + id, "{\"title\":\"x\"}"));
            cases.add(new Case(HttpMethod.GET, V + "/ingests/" + id, null, null, FULL));
        }
        String[] badConnections = {"UPPER", "a_b", "-x", "x".repeat(64), "a%20b", "%C3%28"};
        for (String c : badConnections) {
            cases.add(new Case(HttpMethod.GET, "/v1/connections/" + c + "/videos", null, null, FULL));
        }
        String[] badQueries = {
            "limit=-1",
            "limit=0",
            "limit=101",
            "limit=100000",
            "limit=abc",
            "limit=1.5",
            "limit=1e3",
            "limit=99999999999999999999",
            "limit=",
            "limit=%00",
            "cursor=garbage!",
            "cursor=%00%00",
            "cursor=" + "A".repeat(2000),
            "cursor=YzEKb3RoZXIKMTA",
            "cursor=Yzk",
            "q=" + "q".repeat(201),
            "q=%01",
            "tag=" + "t".repeat(101),
            "tag=%0A",
            "include=everything",
            "include=RAW",
            "limit=-0",
            "limit=+5",
            "limit=%2B5"
        };
        for (String q : badQueries) {
            cases.add(new Case(HttpMethod.GET, V + "/videos?" + q, null, null, FULL));
        }
        String[] badPatches = {
            "",
            "{",
            "}",
            "[]",
            "[1]",
            "\"text\"",
            "42",
            "null",
            "true",
            "{\"title\":}",
            "{\"title\":null}",
            "{\"title\":\"\"}",
            "{\"title\":\"   \"}",
            "{\"title\":1}",
            "{\"title\":true}",
            "{\"title\":[]}",
            "{\"title\":{}}",
            "{\"title\":\"" + "t".repeat(501) + "\"}",
            "{\"description\":5}",
            "{\"description\":\"" + "d".repeat(5001) + "\"}",
            "{\"tags\":\"a\"}",
            "{\"tags\":[1]}",
            "{\"tags\":[\"a,b\"]}",
            "{\"tags\":[\"\"]}",
            "{\"tags\":[null]}",
            "{\"tags\":{}}",
            "{\"tags\":[" + "\"t\",".repeat(50) + "\"t51\"]}",
            "{\"metadata\":null}",
            "{\"metadata\":[]}",
            "{\"metadata\":\"x\"}",
            "{\"metadata\":{\"k\":1}}",
            "{\"metadata\":{\"k\":{}}}",
            "{\"metadata\":{\"bad key\":\"v\"}}",
            "{\"metadata\":{\"k\":\"" + "v".repeat(1001) + "\"}}",
            "{\"id\":\"x\"}",
            "{\"status\":\"ready\"}",
            "{\"Title\":\"x\"}",
            "{\"title\":\"x\",\"extra\":1}",
            "{\"title\":\"x\"} trailing",
            "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
            "{'title':'x'}",
            "{\"title\":\"x\",}",
            "{\"title\":\"\\ud800\"}",
            "{\"title\":\"x\"\u0000}"
        };
        for (String p : badPatches) {
            cases.add(json(HttpMethod.PATCH, V + "/videos/fake00000001", p));
        }
        byte[] invalidUtf8 = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        cases.add(new Case(HttpMethod.PATCH, V + "/videos/fake00000001", "application/json", invalidUtf8, FULL));
        cases.add(new Case(HttpMethod.POST, V + "/ingests", "application/json", invalidUtf8, FULL));
        cases.add(new Case(HttpMethod.POST, V + "/uploads", "application/json", invalidUtf8, FULL));
        String huge = "{\"title\":\"" + "h".repeat(300 * 1024) + "\"}";
        cases.add(json(HttpMethod.PATCH, V + "/videos/fake00000001", huge));
        cases.add(json(HttpMethod.POST, V + "/ingests", huge));
        String[] badIngests = {
            "",
            "{}",
            "[]",
            "{\"source_url\":null}",
            "{\"source_url\":5}",
            "{\"source_url\":\"not a url\"}",
            "{\"source_url\":\"ftp://x.example.com/a.mp4\"}",
            "{\"source_url\":\"file:///etc/passwd\"}",
            "{\"source_url\":\"javascript:alert(1)\"}",
            "{\"source_url\":\"http://\"}",
            "{\"source_url\":\"https://x.example.com/" + "a".repeat(2100) + "\"}",
            "{\"source_url\":\"https://x.example.com/a.mp4\",\"title\":5}",
            "{\"source_url\":\"https://x.example.com/a.mp4\",\"tags\":\"a\"}",
            "{\"source_url\":\"https://x.example.com/a.mp4\",\"metadata\":{\"k\":null}}",
            "{\"source_url\":\"https://x.example.com/a.mp4\",\"unknown\":1}",
            "{\"sourceUrl\":\"https://x/a\"}",
            "{\"source_url\":\"https://x.example.com/a.mp4\""
        };
        for (String b : badIngests) {
            cases.add(json(HttpMethod.POST, V + "/ingests", b));
        }
        String ok = "{\"source_url\":\"https://x.example.com/a.mp4\"}";
        for (String key : new String[] {"a b", "x".repeat(129), "ü", "a/b", "a\"b"}) {
            Case c = json(HttpMethod.POST, V + "/ingests", ok);
            cases.add(new Case(c.method(), c.path() + "#" + key, c.contentType(), c.body(), c.auth()));
        }
        String[] badUploads = {
            "",
            "{}",
            "[]",
            "{\"filename\":null}",
            "{\"filename\":\"\"}",
            "{\"filename\":5}",
            "{\"filename\":\"../a.mp4\"}",
            "{\"filename\":\"a/b.mp4\"}",
            "{\"filename\":\"a\\\\b.mp4\"}",
            "{\"filename\":\"a\\u0000.mp4\"}",
            "{\"filename\":\"" + "f".repeat(256) + "\"}",
            "{\"filename\":\"a.mp4\",\"content_type\":\"video\"}",
            "{\"filename\":\"a.mp4\",\"content_type\":\"VIDEO/MP4 ; x\"}",
            "{\"filename\":\"a.mp4\",\"size_bytes\":-1}",
            "{\"filename\":\"a.mp4\",\"size_bytes\":0}",
            "{\"filename\":\"a.mp4\",\"size_bytes\":\"10\"}",
            "{\"filename\":\"a.mp4\",\"size_bytes\":1.5}",
            "{\"filename\":\"a.mp4\",\"size_bytes\":1e30}",
            "{\"filename\":\"a.mp4\",\"extra\":true}",
            "{\"filename\":\"a.mp4\",\"description\":5}"
        };
        for (String b : badUploads) {
            cases.add(json(HttpMethod.POST, V + "/uploads", b));
        }
        String[] routes = {
            "/v1/connections", V + "/videos", V + "/videos/fake00000001", V + "/ingests/x1", V + "/raw/anything"
        };
        for (String r : routes) {
            cases.add(new Case(HttpMethod.GET, r, null, null, null));
            cases.add(new Case(HttpMethod.GET, r, null, null, "Bearer wrong-key"));
            cases.add(new Case(HttpMethod.GET, r, null, null, "Basic ZnVsbC1rZXk6"));
            cases.add(new Case(HttpMethod.GET, r, null, null, "Bearer "));
            cases.add(new Case(HttpMethod.GET, r, null, null, "full-key"));
        }
        cases.add(new Case(
                HttpMethod.PATCH,
                V + "/videos/fake00000001",
                "text/plain",
                "title=x".getBytes(StandardCharsets.UTF_8),
                FULL));
        cases.add(new Case(
                HttpMethod.POST, V + "/ingests", "application/xml", "<x/>".getBytes(StandardCharsets.UTF_8), FULL));
        cases.add(new Case(
                HttpMethod.POST,
                V + "/uploads",
                "application/x-www-form-urlencoded",
                "filename=a".getBytes(StandardCharsets.UTF_8),
                FULL));
        cases.add(new Case(
                HttpMethod.PUT,
                V + "/videos/fake00000001",
                "application/json",
                "{}".getBytes(StandardCharsets.UTF_8),
                FULL));
        cases.add(new Case(
                HttpMethod.POST, V + "/videos", "application/json", "{}".getBytes(StandardCharsets.UTF_8), FULL));
        cases.add(new Case(HttpMethod.DELETE, V + "/videos", null, null, FULL));
        for (String raw : new String[] {
            "/raw/../x",
            "/raw/%2e%2e/x",
            "/raw/..%2fx",
            "/raw//evil.example.com",
            "/raw/a%5cb",
            "/raw/a%252e",
            "/raw/a%00"
        }) {
            cases.add(new Case(HttpMethod.GET, V + raw, null, null, FULL));
        }
        cases.add(new Case(HttpMethod.GET, "/v1/connections/fake-main/raw/x", null, null, READER));
        return cases;
    }

    @Test
    void everyMalformedRequestGetsAConformingClientErrorAndNoVendorSeesIt() {
        List<Case> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        List<String> problems = new ArrayList<>();
        for (Case c : corpus) {
            String path = c.path();
            String idempotencyKey = null;
            int hash = path.indexOf('#');
            if (hash > 0) {
                idempotencyKey = path.substring(hash + 1);
                path = path.substring(0, hash);
            }
            int callsBefore = vendor.calls();
            var spec = web.method(c.method()).uri(URI.create("http://127.0.0.1:" + port + path));
            if (c.auth() != null) {
                spec.header("Authorization", c.auth());
            }
            if (idempotencyKey != null) {
                spec.header("Idempotency-Key", idempotencyKey);
            }
            EntityExchangeResult<byte[]> r = c.body() == null
                    ? spec.exchange().expectBody().returnResult()
                    : spec.header("Content-Type", c.contentType())
                            .bodyValue(c.body())
                            .exchange()
                            .expectBody()
                            .returnResult();
            int status = r.getStatus().value();
            if (vendor.calls() != callsBefore) {
                problems.add(c + " -> reached the vendor");
            }
            String body = r.getResponseBodyContent() == null
                    ? ""
                    : new String(r.getResponseBodyContent(), StandardCharsets.UTF_8);
            if (status < 400 || status >= 500) {
                problems.add(c + " -> " + status + " " + body.substring(0, Math.min(200, body.length())));
                continue;
            }
            if (!String.valueOf(r.getResponseHeaders().getContentType()).equals("application/problem+json")) {
                problems.add(c + " -> not a problem: " + r.getResponseHeaders().getContentType());
                continue;
            }
            JsonNode problem = JSON.readTree(body);
            if (problem.path("status").asInt() != status
                    || !problem.path("type").asString().startsWith("https://mediagate.dev/problems/")
                    || problem.path("title").asString().isEmpty()) {
                problems.add(c + " -> malformed problem " + body);
            }
            if (status != 405) {
                SimpleResponse.Builder resp =
                        SimpleResponse.Builder.status(status).withBody(body);
                r.getResponseHeaders().forEach(resp::withHeader);
                String specPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
                var report = VALIDATOR.validateResponse(
                        specPath, Request.Method.valueOf(c.method().name()), resp.build());
                report.getMessages().stream()
                        .filter(m -> m.getKey().startsWith("validation.response"))
                        .forEach(m -> problems.add(c + " -> contract: " + m.getMessage()));
            }
        }
        assertThat(problems)
                .as("requests not answered with a conforming 4xx problem")
                .isEmpty();
        assertThat(vendor.calls()).as("calls that reached the vendor").isZero();
    }
}
