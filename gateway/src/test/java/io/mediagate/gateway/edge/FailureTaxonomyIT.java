package io.mediagate.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.mediagate.contracts.kit.FakeVendor;
import io.mediagate.gateway.GatewayTestSupport;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.policy.circuit.ConnectionCircuits;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every gateway-side member of the failure taxonomy, provoked for real and read over a plain socket: the status,
 * the problem {@code type}, {@code retryable}, {@code Retry-After} and the members README's error table promises,
 * and that a refusal never reached the vendor.
 */
class FailureTaxonomyIT extends GatewayTestSupport {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final FakeVendor busy = FakeVendor.named("gw-tax-busy");
    private final FakeVendor slow = FakeVendor.named("gw-tax-slow");
    private final FakeVendor spent = FakeVendor.named("gw-tax-quota");
    private final FakeVendor flaky = FakeVendor.named("gw-tax-circuit");
    private final FakeVendor fair = FakeVendor.named("gw-fake-fair");
    private final FakeVendor cached = FakeVendor.named("gw-tax-stale");

    @LocalServerPort
    int port;

    @Autowired
    ConnectionCircuits circuits;

    @Autowired
    ConnectionRegistry registry;

    @DynamicPropertySource
    static void connections(DynamicPropertyRegistry r) {
        connection(r, "tax-busy", "circuit.max-concurrent-calls", "1");
        connection(r, "tax-slow", "timeout", "400ms");
        connection(r, "tax-quota", "quota.limit", "1");
        r.add("mediagate.connections.tax-quota.quota.period", () -> "1h");
        r.add("mediagate.connections.tax-quota.quota.burst", () -> "1");
        r.add("mediagate.connections.tax-quota.quota.max-wait", () -> "50ms");
        // a cached connection whose one token an hour is spent by the first read
        String stale = "mediagate.connections.tax-stale.";
        connection(r, "tax-stale", "quota.limit", "1");
        r.add(stale + "cache.enabled", () -> "true");
        r.add(stale + "cache.ttl", () -> "200ms");
        r.add(stale + "cache.stale-if-error", () -> "1m");
        r.add(stale + "quota.period", () -> "1h");
        r.add(stale + "quota.burst", () -> "1");
        r.add(stale + "quota.max-wait", () -> "50ms");
        connection(r, "tax-circuit", "circuit.minimum-calls", "2");
        r.add("mediagate.connections.tax-circuit.circuit.window-size", () -> "2");
        r.add("mediagate.connections.tax-circuit.circuit.open-for", () -> "30s");
    }

    private static void connection(DynamicPropertyRegistry r, String id, String key, String value) {
        String p = "mediagate.connections." + id + ".";
        r.add(p + "vendor", () -> "fake");
        r.add(p + "base-url", () -> "http://fake.invalid/api");
        r.add(p + "credentials.token", () -> "fake-token");
        r.add(p + "options.instance", () -> "gw-" + id);
        r.add(p + "retry.max-attempts", () -> "1");
        r.add(p + "cache.enabled", () -> "false");
        r.add(p + key, () -> value);
    }

    @BeforeEach
    void resetOwnVendors() {
        for (FakeVendor v : new FakeVendor[] {busy, slow, spent, flaky, fair, cached}) {
            v.reset();
        }
    }

    private RawHttp.Response send(String method, String path, String key) throws Exception {
        return RawHttp.send(
                port,
                method + " " + path + " HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + key
                        + "\r\nConnection: close\r\n\r\n");
    }

    private RawHttp.Response get(String path) throws Exception {
        return send("GET", path, "full-key");
    }

    /** The problem's body, after checking status, type and content type. */
    private static JsonNode problem(RawHttp.Response r, int status, String slug) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("content-type")).isEqualTo("application/problem+json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("type").asString()).isEqualTo("https://mediagate.dev/problems/" + slug);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asString()).isNotBlank();
        return body;
    }

    @Test
    void quotaExhaustedIs429WithRetryAfterAndTheConnection() throws Exception {
        assertThat(get("/v1/connections/tax-quota/videos/fake00000001").status())
                .isEqualTo(200);
        RawHttp.Response r = get("/v1/connections/tax-quota/videos/fake00000002");
        JsonNode body = problem(r, 429, "quota-exhausted");
        assertThat(body.path("retryable").asBoolean()).isTrue();
        assertThat(body.path("connection").asString()).isEqualTo("tax-quota");
        // one token an hour: the next one is most of an hour away
        assertThat(Long.parseLong(r.header("retry-after"))).isBetween(3000L, 3600L);
        assertThat(spent.calls())
                .as("the refused read never reached the vendor")
                .isEqualTo(1);
    }

    @Test
    void aGatewayRefusalIsPaperedOverWithAStaleEntryLikeASickVendor() throws Exception {
        RawHttp.Response fresh = get("/v1/connections/tax-stale/videos/fake00000001");
        assertThat(fresh.status()).isEqualTo(200);
        Thread.sleep(300); // past the 200 ms TTL, inside the stale-if-error minute
        // the quota is spent: retryable, not the client's mistake, so the stale copy answers
        RawHttp.Response stale = get("/v1/connections/tax-stale/videos/fake00000001");
        assertThat(stale.status()).as(stale.toString()).isEqualTo(200);
        assertThat(stale.header("cache-status")).isEqualTo("mediagate; fwd=stale; fwd-status=429; ttl=0");
        assertThat(stale.body()).isEqualTo(fresh.body());
        // a read the cache has nothing for is the refusal itself
        problem(get("/v1/connections/tax-stale/videos/fake00000002"), 429, "quota-exhausted");
        assertThat(cached.calls()).isEqualTo(1);
    }

    @Test
    void clientShareExhaustedIs429WithTheShare() throws Exception {
        // the reporting client holds 30% of fake-fair's 20 calls per 10 s: six
        for (int i = 0; i < 6; i++) {
            assertThat(send("GET", "/v1/connections/fake-fair/videos/fake00000001", "reporting-key")
                            .status())
                    .as("call %d within the share", i)
                    .isEqualTo(200);
        }
        RawHttp.Response r = send("GET", "/v1/connections/fake-fair/videos/fake00000001", "reporting-key");
        JsonNode body = problem(r, 429, "client-share-exhausted");
        assertThat(body.path("share_percent").asInt()).isEqualTo(30);
        assertThat(body.path("connection").asString()).isEqualTo("fake-fair");
        assertThat(body.path("retryable").asBoolean()).isTrue();
        assertThat(Long.parseLong(r.header("retry-after"))).isBetween(1L, 10L);
        assertThat(fair.calls()).isEqualTo(6);
    }

    @Test
    void anOpenCircuitIs503WithRetryAfterAndSpendsNoVendorCall() throws Exception {
        flaky.failNext(10);
        for (int i = 0; i < 2; i++) {
            problem(get("/v1/connections/tax-circuit/videos/fake00000001"), 503, "vendor-unavailable");
        }
        RawHttp.Response r = get("/v1/connections/tax-circuit/videos/fake00000001");
        JsonNode body = problem(r, 503, "circuit-open");
        assertThat(body.path("retryable").asBoolean()).isTrue();
        assertThat(body.path("connection").asString()).isEqualTo("tax-circuit");
        assertThat(r.header("retry-after")).isEqualTo("5");
        assertThat(flaky.calls()).isEqualTo(2);
    }

    @Test
    void aFullBulkheadIs503ConnectionBusyWithRetryAfter() throws Exception {
        busy.latency(Duration.ofMillis(1500));
        CompletableFuture<RawHttp.Response> first = CompletableFuture.supplyAsync(() -> {
            try {
                return get("/v1/connections/tax-busy/videos/fake00000001");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the first call holds the connection's one slot until the vendor answers
        Bulkhead bulkhead = circuits.bulkhead(registry.find("tax-busy").orElseThrow());
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (bulkhead.getMetrics().getAvailableConcurrentCalls() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        RawHttp.Response r = get("/v1/connections/tax-busy/videos/fake00000002");
        JsonNode body = problem(r, 503, "connection-busy");
        assertThat(body.path("retryable").asBoolean()).isTrue();
        assertThat(r.header("retry-after")).isEqualTo("1");
        assertThat(first.get().status()).as("the call that held the slot").isEqualTo(200);
        assertThat(busy.calls()).isEqualTo(1);
    }

    @Test
    void aDeadlineIs503VendorUnavailableAndRetryable() throws Exception {
        slow.latency(Duration.ofSeconds(3));
        long start = System.nanoTime();
        RawHttp.Response r = get("/v1/connections/tax-slow/videos/fake00000001");
        JsonNode body = problem(r, 503, "vendor-unavailable");
        assertThat(body.path("retryable").asBoolean()).isTrue();
        assertThat(body.path("detail").asString()).contains("400 ms deadline");
        assertThat(r.header("retry-after")).as("nobody said when").isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aClientOverItsOwnLimitIs429ClientRateLimited() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("GET", "/v1/connections", "tiny-key").status()).isEqualTo(200);
        }
        RawHttp.Response r = send("GET", "/v1/connections", "tiny-key");
        JsonNode body = problem(r, 429, "client-rate-limited");
        assertThat(body.path("retryable").asBoolean()).isTrue();
        assertThat(body.path("detail").asString()).isEqualTo("this key exceeded its limit of 3 requests per 60 s");
        assertThat(Long.parseLong(r.header("retry-after"))).isBetween(1L, 60L);
        assertThat(r.header("ratelimit-remaining")).isEqualTo("0");
    }

    @Test
    void aMissingCapabilityIs501NamingItWithoutCallingTheVendor() throws Exception {
        RawHttp.Response r = send("DELETE", "/v1/connections/fake-basic/videos/fake00000001", "full-key");
        JsonNode body = problem(r, 501, "unsupported-capability");
        assertThat(body.path("capability").asString()).isEqualTo("delete");
        assertThat(body.path("retryable").asBoolean()).isFalse();
        assertThat(r.header("retry-after")).isNull();
        assertThat(basicVendor.calls()).isZero();
    }
}
