package io.mediagate.gateway.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mediagate.gateway.GatewayConfiguration;
import io.mediagate.gateway.GatewayTestSupport;
import io.mediagate.sandbox.DemoConnection;
import io.mediagate.sandbox.cincopa.CincopaSimulator;
import io.mediagate.sandbox.cognitive3d.Cognitive3DSimulator;
import io.mediagate.sandbox.streamone.StreamOneSimulator;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;

/** {@code /v1/connections/{c}/raw/**} against a real vendor simulator: what reaches the vendor, and what never does. */
class PassthroughIT extends GatewayTestSupport {
    private static final Cognitive3DSimulator SIM = new Cognitive3DSimulator(0);
    private static final CincopaSimulator CINCOPA = new CincopaSimulator(0);
    private static final StreamOneSimulator STREAMONE = new StreamOneSimulator(0);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void rawConnection(DynamicPropertyRegistry registry) {
        DemoConnection demo = SIM.demoConnections().get(0);
        String prefix = "mediagate.connections.c3d-raw.";
        registry.add(prefix + "vendor", demo::vendor);
        registry.add(prefix + "base-url", demo::baseUrl);
        demo.credentials().forEach((k, v) -> registry.add(prefix + "credentials." + k, () -> v));
        demo.options().forEach((k, v) -> registry.add(prefix + "options." + k, () -> v));
        DemoConnection cincopa = CINCOPA.demoConnections().get(0);
        registry.add("mediagate.connections.cincopa-raw.vendor", cincopa::vendor);
        registry.add("mediagate.connections.cincopa-raw.base-url", cincopa::baseUrl);
        registry.add(
                "mediagate.connections.cincopa-raw.credentials.api-token",
                () -> cincopa.credentials().get("api-token"));
        DemoConnection streamone = STREAMONE.demoConnections().get(0);
        registry.add("mediagate.connections.streamone-raw.vendor", streamone::vendor);
        registry.add("mediagate.connections.streamone-raw.base-url", streamone::baseUrl);
        streamone
                .credentials()
                .forEach((k, v) -> registry.add("mediagate.connections.streamone-raw.credentials." + k, () -> v));
    }

    @Test
    void streamOnePassthroughIsSignedOverTheBufferedBody() {
        web.post()
                .uri("/v1/connections/streamone-raw/raw/api/item/view?signature=forged")
                .header("Authorization", FULL)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("limit=2&searchtitle=news")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.header.status")
                .isEqualTo(0)
                .jsonPath("$.body[0].title")
                .isEqualTo("Morning news");
        LoggedRequest r = STREAMONE.requests().get(STREAMONE.requests().size() - 1);
        assertThat(r.getBodyAsString()).isEqualTo("limit=2&searchtitle=news");
        assertThat(r.getUrl()).doesNotContain("forged").contains("signature=");
    }

    @Autowired
    RawForwarder rawForwarder;

    @Autowired
    GatewayConfiguration.VendorWebClient adapterClient;

    @Autowired
    ConnectionProvider vendorPool;

    /** Normalized calls (the adapters' WebClient) and raw ones (the forwarder's client) share one pool. */
    @Test
    void normalizedAndRawCallsShareOneVendorPool() {
        assertThat(rawForwarder.http().configuration().connectionProvider()).isSameAs(vendorPool);
        assertThat(adapterClient.http().configuration().connectionProvider()).isSameAs(vendorPool);
        assertThat(vendorPool.name()).isEqualTo("vendors");
    }

    /** A raw write may change any video: the connection's read cache is dropped. */
    @Test
    void aRawWriteDropsTheConnectionsReadCache() {
        String id = web.get()
                .uri("/v1/connections/streamone-raw/videos?limit=1")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .path("data")
                .path(0)
                .path("id")
                .asString();
        String video = "/v1/connections/streamone-raw/videos/" + id;
        cacheStatus(video, "mediagate; fwd=miss; stored");
        cacheStatus(video, "mediagate; hit");
        // StreamOne's API is POST throughout: to the gateway any non-GET raw call is a write
        web.post()
                .uri("/v1/connections/streamone-raw/raw/api/item/view")
                .header("Authorization", FULL)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("limit=1")
                .exchange()
                .expectStatus()
                .isOk();
        int vendorCalls = STREAMONE.requests().size();
        cacheStatus(video, "mediagate; fwd=miss; stored");
        assertThat(STREAMONE.requests())
                .as("the read after the raw write went to the vendor")
                .hasSize(vendorCalls + 1);
        cacheStatus(video, "mediagate; hit");
    }

    private void cacheStatus(String path, String startsWith) {
        web.get()
                .uri(path)
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(
                        "Cache-Status",
                        v -> assertThat(v).as("Cache-Status of %s", path).startsWith(startsWith));
    }

    @Test
    void cincopaPassthroughCarriesExactlyOurToken() {
        web.get()
                .uri("/v1/connections/cincopa-raw/raw/asset.list.json?items_per_page=2&api_token=client-guess")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.success")
                .isEqualTo(true)
                .jsonPath("$.items.length()")
                .isEqualTo(2);
        LoggedRequest r = CINCOPA.requests().get(CINCOPA.requests().size() - 1);
        assertThat(r.getUrl())
                .startsWith("/v2/asset.list.json?items_per_page=2&api_token=")
                .doesNotContain("client-guess");
        assertThat(r.queryParameter("api_token").values()).containsExactly(CincopaSimulator.DEMO_TOKEN);
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
        CINCOPA.close();
        STREAMONE.close();
    }

    @BeforeEach
    void resetSimulator() {
        SIM.reset();
    }

    private String secret() {
        return SIM.demoConnections().get(0).credentials().get("api-key");
    }

    @Test
    void aVendorHostThatDoesNotResolveIsAVendorProblemNotAnInternalError() {
        // fake-main's base URL is http://fake.invalid/api: .invalid never resolves (RFC 6761)
        web.get()
                .uri("/v1/connections/fake-main/raw/videos")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/vendor-unavailable")
                .jsonPath("$.retryable")
                .isEqualTo(true);
    }

    @Test
    void forwardsToTheVendorWithTheVendorsCredentialsOnly() {
        web.get()
                .uri("/v1/connections/c3d-raw/raw/organizations/apiKeys/whoami?probe=1")
                .header("Authorization", FULL)
                .header("Cookie", "session=abc")
                .header("X-Custom", "kept")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.organizationId")
                .exists();
        List<LoggedRequest> seen = SIM.requests();
        assertThat(seen).hasSize(1);
        LoggedRequest r = seen.get(0);
        assertThat(r.getUrl()).isEqualTo("/v0/organizations/apiKeys/whoami?probe=1");
        assertThat(r.getHeader("Authorization")).contains(secret()).doesNotContain("full-key");
        assertThat(r.containsHeader("Cookie")).isFalse();
        // an allow-list of end-to-end headers: a custom one is not on it
        assertThat(r.containsHeader("X-Custom")).isFalse();
        assertThat(r.containsHeader("X-Forwarded-For")).isFalse();
    }

    @Test
    void theVendorSeesTheRequestIdTheClientIsGiven() {
        String given = web.get()
                .uri("/v1/connections/c3d-raw/raw/organizations/apiKeys/whoami?probe=id")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");
        web.get()
                .uri("/v1/connections/c3d-raw/raw/organizations/apiKeys/whoami?probe=own")
                .header("Authorization", FULL)
                .header("x-request-id", "caller-7")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Request-Id", "caller-7");
        web.get()
                .uri("/v1/connections/c3d-raw/raw/organizations/apiKeys/whoami?probe=bad")
                .header("Authorization", FULL)
                .header("X-Request-Id", "not sane!")
                .exchange()
                .expectStatus()
                .isOk();
        List<LoggedRequest> seen = SIM.requests();
        assertThat(seen).hasSize(3);
        assertThat(given).isNotBlank();
        assertThat(seen.get(0).getHeaders().getHeader("X-Request-Id").values()).containsExactly(given);
        assertThat(seen.get(1).getHeaders().getHeader("X-Request-Id").values()).containsExactly("caller-7");
        assertThat(seen.get(2).getHeaders().getHeader("X-Request-Id").values())
                .hasSize(1)
                .noneMatch(v -> v.contains("not sane"));
    }

    @Test
    void slashesEncodedByGeneratedClientsReachTheVendorAsPathSegments() {
        web.get()
                .uri(URI.create("http://127.0.0.1:" + port
                        + "/v1/connections/c3d-raw/raw/organizations%2FapiKeys%2Fwhoami?probe=2"))
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.organizationId")
                .exists();
        assertThat(SIM.requests())
                .singleElement()
                .extracting(LoggedRequest::getUrl)
                .isEqualTo("/v0/organizations/apiKeys/whoami?probe=2");
    }

    @Test
    void vendorErrorsPassThroughAsTheVendorSentThem() {
        web.get()
                .uri("/v1/connections/c3d-raw/raw/projects/999999/media")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .value(s -> assertThat(s).isIn(403, 404))
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_PLAIN);
    }

    @Test
    void needsTheRawScope() {
        web.get()
                .uri("/v1/connections/c3d-raw/raw/organizations/apiKeys/whoami")
                .header("Authorization", READER)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get()
                .uri("/v1/connections/c3d-raw/raw/organizations/apiKeys/whoami")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(SIM.requests()).isEmpty();
    }

    @Test
    void traversalAndHostOverridesNeverReachAnyHost() {
        for (String path : List.of(
                "/v1/connections/c3d-raw/raw/../../admin",
                "/v1/connections/c3d-raw/raw/%2e%2e/x",
                "/v1/connections/c3d-raw/raw/..%2fadmin",
                "/v1/connections/c3d-raw/raw/a%2F..%2F..%2Fadmin",
                "/v1/connections/c3d-raw/raw/%2F%2Fevil.example.com%2Fx",
                "/v1/connections/c3d-raw/raw/a%252Fb",
                "/v1/connections/c3d-raw/raw//evil.example.com/x",
                "/v1/connections/c3d-raw/raw/x%5c..%5cy")) {
            web.get()
                    .uri(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", FULL)
                    .header("Host", "evil.example.com")
                    .exchange()
                    .expectStatus()
                    .value(s -> assertThat(s).as(path).isBetween(400, 404))
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(SIM.requests()).isEmpty();
    }

    @Test
    void unknownConnectionIs404() {
        web.get()
                .uri("/v1/connections/nope/raw/x")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/unknown-connection");
    }

    @Test
    void passthroughCountsInUpstreamMetrics() {
        web.get()
                .uri("/v1/connections/c3d-raw/raw/organizations/apiKeys/whoami")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk();
        String metrics = management()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .contains("mediagate_upstream_requests_total{connection=\"c3d-raw\",operation=\"raw\","
                        + "outcome=\"success\",status=\"200\",vendor=\"cognitive3d\"}");
    }

    @Test
    void oversizedBodyIsRefusedBeforeTheVendor() {
        // the test profile limits passthrough bodies to 1 KB
        web.post()
                .uri("/v1/connections/c3d-raw/raw/projects/4242/media?fileName=a.mp4")
                .header("Authorization", FULL)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[2048])
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/payload-too-large");
        assertThat(SIM.requests()).isEmpty();
    }
}
