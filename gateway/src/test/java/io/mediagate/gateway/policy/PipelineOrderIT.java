package io.mediagate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mediagate.contracts.kit.FakeVendor;
import io.mediagate.gateway.GatewayTestSupport;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.policy.circuit.ConnectionCircuits;
import io.mediagate.sandbox.DemoConnection;
import io.mediagate.sandbox.cincopa.CincopaSimulator;
import io.mediagate.sandbox.parone.ParOneSimulator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipeline's order, pinned from outside on the normalized and the raw path: what the vendor received, what the
 * connection's quota still holds ({@code GET /v1/connections/{c}/quota}) and which vendor calls the metrics saw.
 * Each connection here has a budget of 5 calls an hour, so every token spent shows.
 */
class PipelineOrderIT extends GatewayTestSupport {
    private static final CincopaSimulator CINCOPA = new CincopaSimulator(0);
    private static final ParOneSimulator PARONE = new ParOneSimulator(0);
    private static final String PROBLEMS = "https://mediagate.dev/problems/";

    private final FakeVendor order = FakeVendor.named("gw-order");

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    ConnectionCircuits circuits;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void connections(DynamicPropertyRegistry r) {
        String fake = "mediagate.connections.order-fake.";
        r.add(fake + "vendor", () -> "fake");
        r.add(fake + "base-url", () -> "http://fake.invalid/api");
        r.add(fake + "credentials.token", () -> "fake-token");
        r.add(fake + "options.instance", () -> "gw-order");
        // everything but delete, so a delete is a capability this connection lacks
        r.add(fake + "options.capabilities", () -> "update,ingest_from_url,direct_upload,tags,search,metadata");
        r.add(fake + "quota.limit", () -> "5");
        r.add(fake + "quota.period", () -> "1h");
        r.add(fake + "quota.burst", () -> "5");
        r.add(fake + "retry.max-attempts", () -> "1");
        r.add(fake + "circuit.max-concurrent-calls", () -> "1");
        DemoConnection cincopa = CINCOPA.demoConnections().get(0);
        String raw = "mediagate.connections.order-raw.";
        r.add(raw + "vendor", cincopa::vendor);
        r.add(raw + "base-url", cincopa::baseUrl);
        r.add(raw + "credentials.api-token", () -> cincopa.credentials().get("api-token"));
        r.add(raw + "quota.limit", () -> "5");
        r.add(raw + "quota.period", () -> "1h");
        r.add(raw + "quota.burst", () -> "5");
        // a ParOne connection with the feed sync code only: read-only, its writes refused (403)
        DemoConnection parone = PARONE.demoConnections().get(0);
        String ro = "mediagate.connections.order-readonly.";
        r.add(ro + "vendor", parone::vendor);
        r.add(ro + "base-url", parone::baseUrl);
        r.add(ro + "credentials.sync-code", () -> ParOneSimulator.SYNC_CODE);
        r.add(ro + "quota.limit", () -> "5");
        r.add(ro + "quota.period", () -> "1h");
        r.add(ro + "quota.burst", () -> "5");
    }

    @BeforeEach
    void resetOrderVendors() {
        order.reset();
        CINCOPA.reset();
        PARONE.reset();
    }

    @AfterEach
    void noLatency() {
        order.latency(Duration.ZERO);
    }

    @AfterAll
    static void stopSimulators() {
        CINCOPA.close();
        PARONE.close();
    }

    @Test
    void anOpenCircuitSpendsNoTokenOnANormalizedRead() {
        breaker("order-fake").transitionToOpenState();
        double samples = upstreamSamples("order-fake");
        get("/v1/connections/order-fake/videos/fake00000001")
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "circuit-open");
        assertThat(order.calls()).isZero();
        assertThat(tokensLeft("order-fake"))
                .as("tokens after a call the open circuit refused")
                .isEqualTo(5);
        assertThat(upstreamSamples("order-fake")).isEqualTo(samples);
    }

    @Test
    void anOpenCircuitSpendsNoTokenOnARawCall() {
        breaker("order-raw").transitionToOpenState();
        double samples = upstreamSamples("order-raw");
        get("/v1/connections/order-raw/raw/asset.list.json")
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "circuit-open");
        assertThat(CINCOPA.requests()).isEmpty();
        assertThat(tokensLeft("order-raw")).isEqualTo(5);
        assertThat(upstreamSamples("order-raw")).isEqualTo(samples);
        // and once the circuit closes, the same call reaches the vendor, spending one token, recorded once
        breaker("order-raw").transitionToClosedState();
        get("/v1/connections/order-raw/raw/asset.list.json").expectStatus().isOk();
        assertThat(CINCOPA.requests()).hasSize(1);
        assertThat(tokensLeft("order-raw")).isEqualTo(4);
        assertThat(upstreamSamples("order-raw")).isEqualTo(samples + 1);
    }

    @Test
    void anUnsupportedCapabilitySpendsNoTokenAndRecordsNoVendorCall() {
        double samples = upstreamSamples("order-fake");
        web.delete()
                .uri("/v1/connections/order-fake/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isEqualTo(501)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "unsupported-capability")
                .jsonPath("$.capability")
                .isEqualTo("delete");
        assertThat(order.calls()).isZero();
        assertThat(tokensLeft("order-fake")).isEqualTo(5);
        assertThat(upstreamSamples("order-fake")).isEqualTo(samples);
    }

    @Test
    void aRefusedCapabilitySpendsNoTokenAndRecordsNoVendorCall() {
        double samples = upstreamSamples("order-readonly");
        web.delete()
                .uri("/v1/connections/order-readonly/videos/anything")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isEqualTo(403)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "vendor-forbidden");
        assertThat(PARONE.requests()).isEmpty();
        assertThat(tokensLeft("order-readonly")).isEqualTo(5);
        assertThat(upstreamSamples("order-readonly")).isEqualTo(samples);
    }

    @Test
    void aCacheHitSpendsNothing() {
        for (String read : new String[] {"/videos/fake00000002", "/videos?limit=2"}) {
            String path = "/v1/connections/order-fake" + read;
            int calls = order.calls();
            long tokens = tokensLeft("order-fake");
            get(path).expectStatus().isOk().expectHeader().valueEquals("Cache-Status", "mediagate; fwd=miss; stored");
            double samples = upstreamSamples("order-fake");
            get(path)
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .value("Cache-Status", v -> assertThat(v).startsWith("mediagate; hit"));
            assertThat(order.calls())
                    .as("vendor calls for a miss and a hit of %s", read)
                    .isEqualTo(calls + 1);
            assertThat(tokensLeft("order-fake"))
                    .as("tokens after a miss and a hit of %s", read)
                    .isEqualTo(tokens - 1);
            assertThat(upstreamSamples("order-fake")).isEqualTo(samples);
        }
    }

    @Test
    void aBulkheadRejectionIsNotACircuitBreakerSuccess() {
        order.latency(Duration.ofMillis(800));
        CircuitBreaker breaker = breaker("order-fake");
        // the one call the bulkhead lets in at a time, held by the slow vendor
        Mono<Integer> first = Mono.fromCallable(() -> get("/v1/connections/order-fake/videos/fake00000003")
                        .returnResult(byte[].class)
                        .getStatus()
                        .value())
                .subscribeOn(Schedulers.boundedElastic())
                .cache();
        first.subscribe();
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        var bulkhead = circuits.bulkhead(registry.find("order-fake").orElseThrow());
        while (bulkhead.getMetrics().getAvailableConcurrentCalls() > 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls())
                .as("the first call is in flight")
                .isZero();
        get("/v1/connections/order-fake/videos/fake00000004")
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEMS + "connection-busy");
        assertThat(first.block(Duration.ofSeconds(10))).isEqualTo(200);
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls())
                .as("successes the breaker counted")
                .isEqualTo(1);
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls())
                .as("calls the breaker counted")
                .isEqualTo(1);
        assertThat(order.calls()).isEqualTo(1);
        assertThat(tokensLeft("order-fake"))
                .as("the rejected call took no token")
                .isEqualTo(4);
    }

    private WebTestClient.ResponseSpec get(String path) {
        return web.get().uri(path).header("Authorization", FULL).exchange();
    }

    private CircuitBreaker breaker(String connection) {
        return circuits.breaker(registry.find(connection).orElseThrow());
    }

    private long tokensLeft(String connection) {
        EntityExchangeResult<byte[]> r = get("/v1/connections/" + connection + "/quota")
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        JsonNode view = json.readTree(r.getResponseBodyContent());
        return view.path("tokens_left").asLong();
    }

    /** Vendor calls the metrics recorded for the connection, all operations and outcomes. */
    private double upstreamSamples(String connection) {
        return meters.find("mediagate.upstream.requests").tag("connection", connection).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
