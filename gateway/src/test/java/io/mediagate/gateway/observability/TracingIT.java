package io.mediagate.gateway.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mediagate.gateway.GatewayTestSupport;
import io.mediagate.gateway.policy.VendorAttemptTracing;
import io.mediagate.gateway.policy.cache.ReadCache;
import io.mediagate.gateway.policy.circuit.ConnectionCircuits;
import io.mediagate.sandbox.Sandbox;
import io.mediagate.sandbox.VendorSimulator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * W3C trace context in demo mode: a client's {@code traceparent} continues through the gateway to the vendor
 * simulator on normalized and raw calls (same trace id, the gateway's span as parent), each vendor attempt is a
 * span carrying the policy decisions, and the trace id is in problem bodies and log lines. Spans are caught by an
 * in-memory exporter; nothing leaves the machine.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // the demo's change-events poller would race these tests for the failures they queue on a simulator
            "mediagate.events.poll.interval=",
            "management.tracing.sampling.probability=1.0",
            "mediagate.defaults.retry.first-backoff=10ms",
            "mediagate.defaults.retry.max-backoff=20ms"
        })
@AutoConfigureWebTestClient
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class TracingIT {
    private static final String KEY = DemoTraces.KEY;
    static final List<SpanData> SPANS = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class CatchSpans {
        @Bean
        SpanProcessor inMemorySpans() {
            return CapturedSpans.into(SPANS);
        }
    }

    @Autowired
    WebTestClient web;

    @LocalManagementPort
    int managementPort;

    @Autowired
    Sandbox demo;

    @Autowired
    ConnectionCircuits circuits;

    @Autowired
    ReadCache cache;

    VendorSimulator cincopa;
    String traceId;
    String clientSpanId;

    @BeforeEach
    void freshTrace() {
        cincopa = DemoTraces.cincopa(demo);
        cincopa.reset();
        // a test that makes the vendor fail must not leave the next one an open circuit or a stale answer
        circuits.resetAll();
        cache.clearAll();
        SPANS.clear();
        traceId = hex(32);
        clientSpanId = hex(16);
    }

    private String traceparent() {
        return "00-" + traceId + "-" + clientSpanId + "-01";
    }

    @Test
    void normalizedCallCarriesTheTraceToTheVendor() {
        web.get()
                .uri("/v1/connections/cincopa-demo/videos?limit=2")
                .header("Authorization", KEY)
                .header("Cache-Control", "no-cache")
                .header("traceparent", traceparent())
                .exchange()
                .expectStatus()
                .isOk();
        String sent = vendorTraceparent();
        assertThat(sent).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(sent.split("-")[2])
                .as("the gateway's own span is the vendor's parent")
                .isNotEqualTo(clientSpanId);

        SpanData attempt = awaitSpan("vendor list_videos");
        assertThat(attempt.getTraceId()).isEqualTo(traceId);
        assertThat(attribute(attempt, "mediagate.connection")).isEqualTo("cincopa-demo");
        assertThat(attribute(attempt, "mediagate.attempt")).isEqualTo("1");
        assertThat(attribute(attempt, "mediagate.circuit.state")).isEqualTo("closed");
        assertThat(attribute(attempt, "mediagate.quota.wait_ms")).isNotNull();
        // the attempt is the HTTP client span that carried the request, and is what the vendor saw
        assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(sent.split("-")[2]).isEqualTo(attempt.getSpanId());
        assertThat(attribute(attempt, "http.request.method")).isEqualTo("GET");
        assertThat(attribute(attempt, "http.response.status_code")).isEqualTo("200");
        assertThat(attribute(attempt, "server.address")).isEqualTo("127.0.0.1");
        assertThat(SPANS.stream().filter(s -> s.getTraceId().equals(traceId)))
                .as("no second client span below the attempt")
                .filteredOn(s -> s.getKind() == SpanKind.CLIENT)
                .hasSize(1);
        assertThat(scrape())
                .as("mediagate_upstream_* times vendor calls; no second HTTP client timer")
                .doesNotContain("webclient_requests")
                .doesNotContain("http_client_requests")
                .contains("mediagate_upstream_requests_total{connection=\"cincopa-demo\"");
        assertThat(lastVendorTraceparents()).hasSize(1);
        SpanData server =
                awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId));
        assertThat(server.getParentSpanId()).isEqualTo(clientSpanId);
        assertThat(attempt.getParentSpanId()).isEqualTo(server.getSpanId());
    }

    /** How the vendor answers the call whose trace is searched for its credentials. */
    static Stream<Arguments> vendorAnswers() {
        return Stream.of(
                Arguments.of("200", (Consumer<VendorSimulator>) sim -> {}),
                Arguments.of("500, then 200 on the retry", (Consumer<VendorSimulator>) VendorSimulator::failNext),
                Arguments.of("malformed JSON", (Consumer<VendorSimulator>) VendorSimulator::malformNext),
                Arguments.of("429", (Consumer<VendorSimulator>) sim -> sim.rateLimitNext(Duration.ofSeconds(1))),
                Arguments.of("connection reset", (Consumer<VendorSimulator>) sim -> sim.answerNext(
                        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendorAnswers")
    void noSpanCarriesTheVendorsCredentials(String answer, Consumer<VendorSimulator> vendor, CapturedOutput output) {
        vendor.accept(cincopa);
        // Cincopa takes its api_token in the query string, so the vendor URL itself is a secret
        String body = web.get()
                .uri("/v1/connections/cincopa-demo/videos?limit=2")
                .header("Authorization", KEY)
                .header("Cache-Control", "no-cache")
                .header("traceparent", traceparent())
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        for (String secret : traceHoldsNoCincopaCredential()) {
            assertThat(body).doesNotContain(secret);
            assertThat(output.getAll()).doesNotContain(secret);
        }
    }

    /** Waits for this test's trace to end, asserts none of its spans shows a credential, and returns them. */
    private List<String> traceHoldsNoCincopaCredential() {
        awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId));
        List<String> secrets = demo.demoConnections().stream()
                .filter(c -> c.id().equals("cincopa-demo"))
                .flatMap(c -> c.credentials().values().stream())
                .toList();
        assertThat(secrets).isNotEmpty();
        List<SpanData> trace =
                SPANS.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
        assertThat(trace).hasSizeGreaterThanOrEqualTo(2);
        for (String secret : secrets) {
            for (SpanData span : trace) {
                // events hold a failure's exception.message and exception.stacktrace, causes included
                String shown =
                        span.getName() + " " + span.getAttributes() + " " + span.getEvents() + " " + span.getStatus();
                assertThat(shown).as(span.getName()).doesNotContain(secret);
            }
        }
        return secrets;
    }

    @Test
    void rawPassthroughCarriesTheGatewaysSpanNotTheClients() {
        web.get()
                .uri("/v1/connections/cincopa-demo/raw/ping.json")
                .header("Authorization", KEY)
                .header("traceparent", traceparent())
                .exchange()
                .expectStatus()
                .value(s -> assertThat(s).isLessThan(500));
        String sent = vendorTraceparent();
        assertThat(sent).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        SpanData attempt = awaitSpan("vendor raw");
        assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(sent.split("-")[2]).isEqualTo(attempt.getSpanId()).isNotEqualTo(clientSpanId);
        assertThat(lastVendorTraceparents()).hasSize(1);
        traceHoldsNoCincopaCredential();
    }

    @Test
    void retriesAreSeparateAttemptSpansWithARetryEvent() {
        cincopa.failNext();
        web.get()
                .uri("/v1/connections/cincopa-demo/videos?limit=2")
                .header("Authorization", KEY)
                .header("Cache-Control", "no-cache")
                .header("traceparent", traceparent())
                .exchange()
                .expectStatus()
                .isOk();
        DemoTraces.awaitSpans(SPANS, "vendor list_videos", 2);
        List<SpanData> attempts = SPANS.stream()
                .filter(s -> s.getName().equals("vendor list_videos"))
                .toList();
        assertThat(attempts).extracting(s -> attribute(s, "mediagate.attempt")).containsExactlyInAnyOrder("1", "2");
        SpanData first = attempts.stream()
                .filter(s -> "1".equals(attribute(s, "mediagate.attempt")))
                .findFirst()
                .orElseThrow();
        assertThat(attribute(first, "mediagate.refused_by")).startsWith("vendor_");
        SpanData second = attempts.stream().filter(s -> s != first).findFirst().orElseThrow();
        assertThat(second.getEvents()).extracting(EventData::getName).anyMatch(n -> n.contains("retry"));
    }

    @Test
    void cacheHitIsOnTheServerSpan() {
        String id = DemoTraces.firstVideoId(web);
        for (int i = 0; i < 2; i++) {
            web.get()
                    .uri("/v1/connections/cincopa-demo/videos/" + id)
                    .header("Authorization", KEY)
                    .header("traceparent", traceparent())
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        awaitSpan(s -> s.getKind() == SpanKind.SERVER
                && s.getTraceId().equals(traceId)
                && "hit".equals(attribute(s, "mediagate.cache")));
    }

    @Test
    void aCacheHitWithoutASampledTraceIsCountedButNotTraced() {
        String id = DemoTraces.firstVideoId(web);
        String route = "uri=\"/v1/connections/{connection}/videos/{id}\"";
        double before = count(route, "200");
        double refusedBefore = count("uri=\"UNKNOWN\"", "401");
        read(id, traceparent());
        read(id, null);
        read(id, "00-" + hex(32) + "-" + hex(16) + "-00");
        web.get()
                .uri("/v1/connections/cincopa-demo/videos/" + id)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        // a sampled request after them: once its span is in, theirs would have been too
        String marker = hex(32);
        web.get()
                .uri("/v1/connections/cincopa-demo/videos?limit=1")
                .header("Authorization", KEY)
                .header("traceparent", "00-" + marker + "-" + hex(16) + "-01")
                .exchange()
                .expectStatus()
                .isOk();
        awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(marker));

        List<SpanData> reads = SPANS.stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().endsWith("/videos/{id}"))
                .toList();
        assertThat(reads).as("server spans of the item route").hasSize(1);
        assertThat(reads.get(0).getTraceId()).isEqualTo(traceId);
        // every read counted once, traced or not, and the refused one too
        assertThat(count(route, "200") - before).isEqualTo(3);
        assertThat(count("uri=\"UNKNOWN\"", "401") - refusedBefore).isEqualTo(1);
        assertThat(scrape()).doesNotContain(LazyServerObservation.NAME.replace('.', '_'));
    }

    @Test
    void aReadMissWithoutATraceparentIsTracedFromItsVendorCall() {
        String id = DemoTraces.firstVideoId(web);
        SPANS.clear();
        cincopa.reset();
        web.get()
                .uri("/v1/connections/cincopa-demo/videos/" + id)
                .header("Authorization", KEY)
                .header("Cache-Control", "no-cache")
                .exchange()
                .expectStatus()
                .isOk();
        SpanData server =
                awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getName().endsWith("/videos/{id}"));
        assertThat(server.getName()).isEqualTo("http get /v1/connections/{connection}/videos/{id}");
        assertThat(server.getParentSpanId()).isEqualTo("0000000000000000");
        SpanData attempt = awaitSpan("vendor get_video");
        assertThat(attempt.getTraceId()).isEqualTo(server.getTraceId());
        assertThat(attempt.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(vendorTraceparent()).startsWith("00-" + server.getTraceId() + "-");
        assertThat(scrape())
                .as("span-only observations make no timers")
                .doesNotContain(VendorAttemptTracing.NAME.replace('.', '_'))
                .doesNotContain(LazyServerObservation.NAME.replace('.', '_'));
    }

    @Test
    void anUnsampledTraceparentStillReachesTheVendor() {
        String id = DemoTraces.firstVideoId(web);
        cincopa.reset();
        web.get()
                .uri("/v1/connections/cincopa-demo/videos/" + id)
                .header("Authorization", KEY)
                .header("Cache-Control", "no-cache")
                .header("traceparent", "00-" + traceId + "-" + clientSpanId + "-00")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(vendorTraceparent()).matches("00-" + traceId + "-[0-9a-f]{16}-00");
    }

    @Test
    void anUnsampledRawCallStillCarriesTheGatewaysTraceContext() {
        web.get()
                .uri("/v1/connections/cincopa-demo/raw/ping.json")
                .header("Authorization", KEY)
                .header("traceparent", "00-" + traceId + "-" + clientSpanId + "-00")
                .exchange()
                .expectStatus()
                .value(s -> assertThat(s).isLessThan(500));
        String sent = vendorTraceparent();
        assertThat(sent).matches("00-" + traceId + "-[0-9a-f]{16}-00");
        assertThat(sent.split("-")[2])
                .as("the gateway's span, not the client's")
                .isNotEqualTo(clientSpanId);
        assertThat(lastVendorTraceparents()).hasSize(1);
    }

    /** Every {@code traceparent} value of the simulator's last request (the client's must not ride along). */
    private List<String> lastVendorTraceparents() {
        List<LoggedRequest> seen = cincopa.requests();
        return seen.get(seen.size() - 1).getHeaders().getHeader("traceparent").values();
    }

    private void read(String id, String traceparent) {
        web.get()
                .uri("/v1/connections/cincopa-demo/videos/" + id)
                .header("Authorization", KEY)
                .headers(h -> {
                    if (traceparent != null) {
                        h.set("traceparent", traceparent);
                    }
                })
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** {@code http_server_requests_seconds_count} of the series with this uri label and status. */
    private double count(String uri, String status) {
        return scrape().lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_count{")
                        && l.contains(uri)
                        && l.contains("status=\"" + status + "\"")
                        && l.contains("method=\"GET\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** A string attribute of the span, or null. */
    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private String scrape() {
        return GatewayTestSupport.prometheus(managementPort);
    }

    @Test
    void problemsAndLogLinesNameTheTraceId(CapturedOutput output) {
        Map<String, Object> problem = web.get()
                .uri("/v1/connections/cincopa-demo/videos/zzNotThere01")
                .header("Authorization", KEY)
                .header("traceparent", traceparent())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(problem).containsEntry("trace_id", traceId).containsKey("request_id");

        // without a traceparent the gateway starts a trace of its own
        Map<String, Object> own = web.get()
                .uri("/v1/connections/nope/videos")
                .header("Authorization", KEY)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat((String) own.get("trace_id")).matches("[0-9a-f]{32}").isNotEqualTo(traceId);

        // a 5xx is logged, with the trace id in the line
        for (int i = 0; i < 6; i++) {
            cincopa.failNext();
        }
        web.get()
                .uri("/v1/connections/cincopa-demo/videos?limit=3")
                .header("Authorization", KEY)
                .header("Cache-Control", "no-cache")
                .header("traceparent", traceparent())
                .exchange()
                .expectStatus()
                .is5xxServerError();
        assertThat(output.getAll().lines().filter(l -> l.contains("failed:") && l.contains("/videos")))
                .anyMatch(l -> l.contains(traceId));
    }

    private String vendorTraceparent() {
        // the simulator journals a request once it has answered it, so the gateway may be a step ahead
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<LoggedRequest> seen = cincopa.requests();
        while (seen.isEmpty() && System.nanoTime() < until) {
            DemoTraces.pause();
            seen = cincopa.requests();
        }
        assertThat(seen)
                .as("journal of %s after %d calls", cincopa.baseUrl(), cincopa.calls())
                .isNotEmpty();
        String header = seen.get(seen.size() - 1).getHeader("traceparent");
        assertThat(header).as("traceparent at the vendor").isNotNull();
        return header;
    }

    private static SpanData awaitSpan(String name) {
        return awaitSpan(s -> s.getName().equals(name));
    }

    private static SpanData awaitSpan(Predicate<SpanData> which) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            for (SpanData s : SPANS) {
                if (which.test(s)) {
                    return s;
                }
            }
            DemoTraces.pause();
        }
        throw new AssertionError("no such span among "
                + SPANS.stream()
                        .map(s -> s.getKind() + " " + s.getName() + " " + s.getAttributes())
                        .toList());
    }

    private static String hex(int chars) {
        StringBuilder b = new StringBuilder();
        while (b.length() < chars) {
            b.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
        }
        return b.substring(0, chars);
    }
}
