package io.mediagate.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mediagate.gateway.GatewayTestSupport;
import io.mediagate.gateway.passthrough.RawPath;
import io.mediagate.gateway.policy.cache.ReadCache;
import io.mediagate.gateway.policy.circuit.ConnectionCircuits;
import io.mediagate.sandbox.Sandbox;
import io.mediagate.sandbox.VendorSimulator;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Video reads and raw calls decide their sampling before any span exists ({@link EarlySampling}), under a sampling
 * probability of one half: a vendor call whose trace is not sampled starts no server observation, yet the vendor
 * gets its trace context; the sampled share is the configured one (not decided twice); a failing unsampled read
 * names the trace the vendor was told about; and raw calls are timed once, under their route.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // the demo's change-events poller would call the simulator between the reads counted here
            "mediagate.events.poll.interval=",
            "management.tracing.sampling.probability=0.5"
        })
@AutoConfigureWebTestClient
@ActiveProfiles("demo")
class EarlySamplingIT {
    private static final String KEY = DemoTraces.KEY;
    private static final String ROUTE = "http get /v1/connections/{connection}/videos/{id}";
    static final List<SpanData> SPANS = new CopyOnWriteArrayList<>();
    static final AtomicInteger LAZY_OBSERVATIONS = new AtomicInteger();
    static final AtomicBoolean COUNTING = new AtomicBoolean();

    @TestConfiguration
    static class Catch {
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

    @Autowired
    ObservationRegistry observations;

    VendorSimulator cincopa;
    String videoId;

    @BeforeEach
    void fresh() {
        if (COUNTING.compareAndSet(false, true)) {
            observations.observationConfig().observationHandler(new LazyObservationsStarted());
        }
        cincopa = DemoTraces.cincopa(demo);
        cincopa.reset();
        circuits.resetAll();
        videoId = DemoTraces.firstVideoId(web);
        cincopa.reset();
        awaitQuiet();
        SPANS.clear();
        LAZY_OBSERVATIONS.set(0);
    }

    @Test
    void unsampledMissesStartNoServerSpanAndTheSampledShareIsTheConfiguredOne() {
        int reads = 200;
        for (int i = 0; i < reads; i++) {
            read(null).expectStatus().isOk();
        }
        List<String> sent = vendorTraceparents(reads);
        List<String> sampled = sent.stream().filter(t -> t.endsWith("-01")).toList();
        assertThat(sent).allMatch(t -> t.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"));
        // p = 0.5 over 200 reads: 100 ± 7 (one standard deviation); deciding twice would give 50
        assertThat(sampled.size()).isBetween(65, 135);

        DemoTraces.awaitSpans(SPANS, ROUTE, sampled.size());
        Set<String> exported = SPANS.stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().equals(ROUTE))
                .map(SpanData::getTraceId)
                .collect(Collectors.toSet());
        assertThat(exported)
                .as("the sampled reads' traces, and only theirs, are exported")
                .isEqualTo(sampled.stream().map(t -> t.split("-")[1]).collect(Collectors.toSet()));
        for (String t : sampled) {
            SpanData attempt = SPANS.stream()
                    .filter(s -> s.getSpanId().equals(t.split("-")[2]))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no attempt span is the vendor's parent in " + t));
            assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(attempt.getTraceId()).isEqualTo(t.split("-")[1]);
        }
        assertThat(LAZY_OBSERVATIONS.get())
                .as("server observations started: one per sampled read, none for the others")
                .isEqualTo(sampled.size());
    }

    @Test
    void rawCallsDecideTheirSamplingFirstTooAndAreCountedUnderTheirRoute() {
        String uri = "uri=\"" + RawPath.ROUTE + "\"";
        double before = count(uri);
        int calls = 100;
        for (int i = 0; i < calls; i++) {
            web.get()
                    .uri("/v1/connections/cincopa-demo/raw/ping.json")
                    .header("Authorization", KEY)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        List<String> sent = vendorTraceparents(calls);
        List<String> sampled = sent.stream().filter(t -> t.endsWith("-01")).toList();
        assertThat(sent).allMatch(t -> t.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"));
        // 50 ± 5; deciding twice would give 25
        assertThat(sampled.size()).isBetween(30, 70);
        String span = "http get " + RawPath.ROUTE;
        DemoTraces.awaitSpans(SPANS, span, sampled.size());
        assertThat(SPANS.stream()
                        .filter(s ->
                                s.getKind() == SpanKind.SERVER && s.getName().equals(span))
                        .map(SpanData::getTraceId)
                        .collect(Collectors.toSet()))
                .isEqualTo(sampled.stream().map(t -> t.split("-")[1]).collect(Collectors.toSet()));
        assertThat(LAZY_OBSERVATIONS.get()).isEqualTo(sampled.size());
        // timed once each, under the route rather than uri="UNKNOWN"
        awaitCount(uri, before + calls);
        assertThat(count(uri) - before).isEqualTo(calls);
    }

    @Test
    void aFailingUnsampledReadNamesTheTraceTheVendorSaw() {
        String unsampled = null;
        Map<String, Object> problem = null;
        for (int i = 0; i < 40 && unsampled == null; i++) {
            cincopa.reset();
            cache.clearAll(); // else the cached answer would be served in place of the vendor's failure
            cincopa.malformNext();
            problem = read(null)
                    .expectStatus()
                    .isEqualTo(502)
                    .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                    .returnResult()
                    .getResponseBody();
            String sent = vendorTraceparents(1).get(0);
            if (sent.endsWith("-00")) {
                unsampled = sent;
            }
        }
        assertThat(unsampled).as("an unsampled read in 40 tries at p = 0.5").isNotNull();
        assertThat(problem).containsEntry("trace_id", unsampled.split("-")[1]);

        // the caller's unsampled trace continues the same way
        String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
        cincopa.reset();
        cache.clearAll();
        cincopa.malformNext();
        Map<String, Object> continued = read(caller)
                .expectStatus()
                .isEqualTo(502)
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(continued).containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(vendorTraceparents(1).get(0))
                .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00")
                .doesNotContain("00f067aa0ba902b7");
        assertThat(SPANS)
                .as("nothing of an unsampled trace is exported")
                .noneMatch(s -> s.getTraceId().equals("4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    private WebTestClient.ResponseSpec read(String traceparent) {
        return web.get()
                .uri("/v1/connections/cincopa-demo/videos/" + videoId)
                .header("Authorization", KEY)
                .header("Cache-Control", "no-cache")
                .headers(h -> {
                    if (traceparent != null) {
                        h.set("traceparent", traceparent);
                    }
                })
                .exchange();
    }

    /** The {@code traceparent} of each of the simulator's requests since its reset, once there are {@code n}. */
    private List<String> vendorTraceparents(int n) {
        // the simulator journals a request once it has answered it, so the gateway may be a step ahead
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<LoggedRequest> seen = cincopa.requests();
        while (seen.size() < n && System.nanoTime() < until) {
            DemoTraces.pause();
            seen = cincopa.requests();
        }
        assertThat(seen).as("vendor calls").hasSize(n);
        List<String> headers = new ArrayList<>();
        for (LoggedRequest r : seen) {
            assertThat(r.getHeader("traceparent"))
                    .as("traceparent at the vendor")
                    .isNotNull();
            headers.add(r.getHeader("traceparent"));
        }
        return headers;
    }

    /** {@code http_server_requests_seconds_count} of GET requests with this {@code uri} label. */
    private double count(String uri) {
        return GatewayTestSupport.prometheus(managementPort)
                .lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_count{")
                        && l.contains(uri)
                        && l.contains("method=\"GET\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The timer is recorded as the answer is written, so the last request may not be in yet. */
    private void awaitCount(String uri, double expected) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (count(uri) < expected && System.nanoTime() < until) {
            DemoTraces.pause();
        }
    }

    /** The first read's span has ended (it ends as the answer is written), so clearing the spans loses nothing. */
    private static void awaitQuiet() {
        DemoTraces.pause();
        DemoTraces.pause();
    }

    /** Counts the lazily started server observations (reads and raw calls), sampled or not. */
    static final class LazyObservationsStarted implements ObservationHandler<Observation.Context> {
        // an observation named by its convention has no name yet when handlers are chosen: the name is read at start
        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        @Override
        public void onStart(Observation.Context context) {
            if (LazyServerObservation.NAME.equals(context.getName())) {
                LAZY_OBSERVATIONS.incrementAndGet();
            }
        }
    }
}
