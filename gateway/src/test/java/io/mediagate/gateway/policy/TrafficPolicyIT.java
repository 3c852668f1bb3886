package io.mediagate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.gateway.GatewayTestSupport;
import io.mediagate.gateway.policy.circuit.ConnectionCircuits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Central traffic policy seen from outside: quotas, backoff, circuit breaking, idempotency, inbound limits. */
class TrafficPolicyIT extends GatewayTestSupport {

    private EntityExchangeResult<byte[]> get(String path) {
        return web.get()
                .uri(path)
                .header("Authorization", FULL)
                .exchange()
                .expectBody()
                .returnResult();
    }

    @Test
    void tenfoldOversubscriptionNeverExceedsTheQuotaAndUsesAtLeastNinetyPercent() {
        // plan: 10 calls per second. Demand: 20 requests every 100 ms for 2 s, ten times the plan.
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Flux.interval(Duration.ofMillis(100))
                .take(20)
                .flatMap(
                        tick -> Flux.range(0, 20)
                                .flatMap(
                                        i -> web.get()
                                                .uri("/v1/connections/fake-quota/videos/fake00000001")
                                                .header("Authorization", FULL)
                                                .exchange()
                                                .returnResult(byte[].class)
                                                .getResponseBody()
                                                .then()
                                                .thenReturn(1),
                                        20)
                                .subscribeOn(Schedulers.boundedElastic()),
                        400)
                .blockLast(Duration.ofSeconds(20));
        // count through the metrics the test itself cannot fake: the vendor's own record of calls
        List<Long> calls = quotaVendor.callTimes();
        // the plan's allowance over the time demand was there: from the first vendor call to the last
        double seconds = (calls.get(calls.size() - 1) - calls.get(0)) / 1e9;
        assertThat(maxInAnyWindow(calls, Duration.ofSeconds(1)))
                .as("calls in any 1 s window")
                .isLessThanOrEqualTo(10);
        // burst 1 + 9 per second refill: the most the plan allows in this run
        double allowed = 1 + 9 * seconds;
        assertThat(calls.size())
                .as("vendor calls vs %.1f allowed in %.2f s", allowed, seconds)
                .isGreaterThanOrEqualTo((int) Math.floor(0.9 * allowed));
    }

    @Test
    void requestsBeyondTheWaitBudgetGet429WithRetryAfterAndNeverReachTheVendor() {
        List<EntityExchangeResult<byte[]>> results = Flux.range(0, 30)
                .flatMap(
                        i -> Flux.defer(() -> Flux.just(get("/v1/connections/fake-quota/videos/fake00000001")))
                                .subscribeOn(Schedulers.boundedElastic()),
                        30)
                .collectList()
                .block(Duration.ofSeconds(10));
        long ok = results.stream().filter(r -> r.getStatus().value() == 200).count();
        List<EntityExchangeResult<byte[]>> rejected =
                results.stream().filter(r -> r.getStatus().value() == 429).toList();
        assertThat(ok + rejected.size()).isEqualTo(30);
        assertThat(rejected).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getResponseHeaders().getFirst("Retry-After")).isNotNull();
            assertThat(new String(r.getResponseBodyContent())).contains("quota-exhausted");
        });
        assertThat(quotaVendor.calls()).isEqualTo((int) ok);
    }

    @Test
    void vendorServerErrorBurstIsRetriedAndRecovers() {
        vendor.failNext(3);
        web.get()
                .uri("/v1/connections/fake-main/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(vendor.calls()).as("three failures, then the success").isEqualTo(4);
    }

    @Autowired
    ConnectionCircuits breakers;

    @Test
    void retriedCallsWaitGrowingJitteredDelays() {
        long totalGapMs = 0;
        for (int trial = 0; trial < 5; trial++) {
            vendor.reset();
            breakers.resetAll(); // 15 failures in a row would open the circuit, which is not under test here
            vendor.failNext(3);
            get("/v1/connections/fake-main/videos/fake0000000" + (2 + trial)); // each uncached
            List<Long> times = vendor.callTimes();
            assertThat(times).hasSize(4);
            // full jitter: each gap lies in [0, 20 ms * 2^(n-1)] (+ scheduling slack on a loaded 2-core machine)
            for (int n = 1; n < times.size(); n++) {
                long gapMs = (times.get(n) - times.get(n - 1)) / 1_000_000;
                assertThat(gapMs).isLessThanOrEqualTo((20L << (n - 1)) + 300);
                totalGapMs += gapMs;
            }
        }
        // 15 jittered waits average 350 ms in total; under 100 ms is ~4 standard deviations out, and it is what
        // retries without any backoff would measure
        assertThat(totalGapMs).as("retries wait between attempts").isGreaterThanOrEqualTo(100);
    }

    @Test
    void persistentFailureGivesUpAfterMaxAttemptsWithARetryableProblem() {
        vendor.failNext(10);
        web.get()
                .uri("/v1/connections/fake-main/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.retryable")
                .isEqualTo(true)
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/vendor-unavailable");
        assertThat(vendor.calls()).isEqualTo(4);
    }

    @Test
    void postWithoutIdempotencyKeyIsNeverRetried() {
        vendor.failNext(1);
        web.post()
                .uri("/v1/connections/fake-main/ingests")
                .header("Authorization", FULL)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"source_url\":\"https://m.example.com/a.mp4\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(503);
        assertThat(vendor.calls()).isEqualTo(1);
    }

    @Test
    void sameIdempotencyKeyTwiceMakesOneVendorCallAndReplaysTheOutcome() {
        String body = "{\"source_url\":\"https://m.example.com/b.mp4\",\"title\":\"B\"}";
        byte[] first = web.post()
                .uri("/v1/connections/fake-main/ingests")
                .header("Authorization", FULL)
                .header("Idempotency-Key", "order-42")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .doesNotExist("Idempotent-Replayed")
                .expectBody()
                .returnResult()
                .getResponseBodyContent();
        byte[] second = web.post()
                .uri("/v1/connections/fake-main/ingests")
                .header("Authorization", FULL)
                .header("Idempotency-Key", "order-42")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectHeader()
                .exists("Location")
                .expectBody()
                .returnResult()
                .getResponseBodyContent();
        assertThat(second).isEqualTo(first);
        assertThat(vendor.calls()).isEqualTo(1);
        web.post()
                .uri("/v1/connections/fake-main/ingests")
                .header("Authorization", FULL)
                .header("Idempotency-Key", "order-42")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"source_url\":\"https://m.example.com/other.mp4\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/idempotency-key-reused");
        assertThat(vendor.calls()).isEqualTo(1);
    }

    @Test
    void writeUnderIdempotencyKeyIsRetried() {
        vendor.failNext(1);
        web.post()
                .uri("/v1/connections/fake-main/ingests")
                .header("Authorization", FULL)
                .header("Idempotency-Key", "retry-me")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"source_url\":\"https://m.example.com/c.mp4\"}")
                .exchange()
                .expectStatus()
                .isAccepted();
        assertThat(vendor.calls()).isEqualTo(2);
    }

    @Test
    void vendor429PausesThatConnectionAndOnlyThatOne() throws Exception {
        quotaVendor.failNext(() -> ProviderException.rateLimited(Duration.ofSeconds(2), 429));
        long start = System.nanoTime();
        // a Retry-After beyond the request's wait budget (max-wait 300 ms) is answered at once, not waited out
        EntityExchangeResult<byte[]> first = get("/v1/connections/fake-quota/videos/fake00000001");
        assertThat(first.getStatus().value()).isEqualTo(429);
        assertThat(first.getResponseHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(new String(first.getResponseBodyContent())).contains("vendor-rate-limited");
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("answered without waiting out the pause")
                .isLessThan(1500);
        // while paused: the same connection answers from the quota, without a vendor call...
        EntityExchangeResult<byte[]> during = get("/v1/connections/fake-quota/videos/fake00000002");
        assertThat(during.getStatus().value()).isEqualTo(429);
        assertThat(new String(during.getResponseBodyContent())).contains("quota-exhausted");
        assertThat(during.getResponseHeaders().getFirst("Retry-After")).isIn("1", "2");
        // ...and another connection is not affected
        assertThat(get("/v1/connections/fake-main/videos/fake00000001")
                        .getStatus()
                        .value())
                .isEqualTo(200);
        // once the pause is over, the connection serves again
        Thread.sleep(Math.max(0, 2100 - (System.nanoTime() - start) / 1_000_000));
        assertThat(get("/v1/connections/fake-quota/videos/fake00000003")
                        .getStatus()
                        .value())
                .isEqualTo(200);
        assertThat(quotaVendor.calls())
                .as("the 429, then the call after the pause")
                .isEqualTo(2);
    }

    @Test
    void callsQueuedBehindAVendor429LookAtThePauseBeforeGoingOut() {
        // burst 1, 9 per second: the first call goes at once and meets a 429 asking for 2 s; the next two have
        // reserved turns 111 and 222 ms later, inside max-wait, but by then the connection is paused
        quotaVendor.failNext(() -> ProviderException.rateLimited(Duration.ofSeconds(2), 429));
        // the 429 arrives after 60 ms: the other two have reserved their turns by then, before the pause began
        quotaVendor.latency(Duration.ofMillis(60));
        List<EntityExchangeResult<byte[]>> results = Flux.range(1, 3)
                .flatMap(
                        i -> Flux.defer(() -> Flux.just(get("/v1/connections/fake-quota/videos/fake0000000" + i)))
                                .subscribeOn(Schedulers.boundedElastic()),
                        3)
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(results).allSatisfy(r -> {
            assertThat(r.getStatus().value()).isEqualTo(429);
            assertThat(r.getResponseHeaders().getFirst("Retry-After")).isNotNull();
        });
        assertThat(quotaVendor.calls())
                .as("only the call that met the 429 reached the vendor")
                .isEqualTo(1);
    }

    @Test
    void aRetryAfterWithinTheWaitBudgetIsWaitedOutAndRetried() {
        // 100 ms, then the next token: inside fake-quota's max-wait of 300 ms
        quotaVendor.failNext(() -> ProviderException.rateLimited(Duration.ofMillis(100), 429));
        long start = System.nanoTime();
        assertThat(get("/v1/connections/fake-quota/videos/fake00000001")
                        .getStatus()
                        .value())
                .isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("honoured the vendor's Retry-After")
                .isGreaterThanOrEqualTo(95);
        assertThat(quotaVendor.calls())
                .as("the 429, then the retry after the pause")
                .isEqualTo(2);
    }

    @Test
    void aHugeRetryAfterIsToldClampedAndPausesAConnectionWithoutQuota() {
        // fake-main has no quota.limit; max-retry-after is the default 5m
        vendor.failNext(() -> ProviderException.rateLimited(Duration.ofSeconds(999_999), 429));
        EntityExchangeResult<byte[]> first = get("/v1/connections/fake-main/videos/fake00000001");
        assertThat(first.getStatus().value()).isEqualTo(429);
        assertThat(first.getResponseHeaders().getFirst("Retry-After")).isEqualTo("300");
        EntityExchangeResult<byte[]> next = get("/v1/connections/fake-main/videos/fake00000002");
        assertThat(next.getStatus().value()).isEqualTo(429);
        assertThat(new String(next.getResponseBodyContent())).contains("quota-exhausted");
        assertThat(Long.parseLong(next.getResponseHeaders().getFirst("Retry-After")))
                .isBetween(290L, 300L);
        assertThat(vendor.calls())
                .as("paused: the second read never reached the vendor")
                .isEqualTo(1);
    }

    @Test
    void quotaMetersExistFromStartUpWithHelpText() {
        String metrics = prometheus();
        assertThat(metrics)
                .contains("# HELP mediagate_quota_rejections_total ")
                .contains("# HELP mediagate_quota_vendor_pauses_total ")
                .contains("# HELP mediagate_quota_fallback_total ")
                .contains("mediagate_quota_vendor_pauses_total{connection=\"fake-basic\"} 0.0")
                .contains("mediagate_quota_fallback_total{connection=\"fake-basic\"} 0.0");
    }

    @Test
    void openCircuitAnswers503WithRetryAfterWithoutCallingTheVendor() {
        circuitVendor.failNext(10);
        for (int i = 0; i < 4; i++) {
            get("/v1/connections/fake-circuit/videos/fake00000001");
        }
        assertThat(circuitVendor.calls()).isEqualTo(4);
        web.get()
                .uri("/v1/connections/fake-circuit/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/circuit-open")
                .jsonPath("$.retryable")
                .isEqualTo(true)
                .jsonPath("$.connection")
                .isEqualTo("fake-circuit");
        assertThat(circuitVendor.calls()).isEqualTo(4);
    }

    @Test
    void inboundLimitIsAdvertisedAndEnforcedPerKey() {
        List<EntityExchangeResult<byte[]>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(web.get()
                    .uri("/v1/connections")
                    .header("Authorization", "Bearer tiny-key")
                    .exchange()
                    .expectBody()
                    .returnResult());
        }
        assertThat(answers.get(0).getResponseHeaders().getFirst("RateLimit-Limit"))
                .isEqualTo("3");
        assertThat(answers.get(0).getResponseHeaders().getFirst("RateLimit-Remaining"))
                .isEqualTo("2");
        assertThat(answers.get(2).getResponseHeaders().getFirst("RateLimit-Remaining"))
                .isEqualTo("0");
        assertThat(answers.get(0).getResponseHeaders().getFirst("RateLimit-Reset"))
                .isNotNull();
        assertThat(answers.get(3).getStatus().value()).isEqualTo(429);
        assertThat(new String(answers.get(3).getResponseBodyContent())).contains("client-rate-limited");
        assertThat(answers.get(3).getResponseHeaders().getFirst("Retry-After")).isNotNull();
    }

    @Test
    void policyMetricsAreExposedForPrometheus() {
        vendor.failNext(1);
        get("/v1/connections/fake-main/videos/fake00000001");
        String metrics = prometheus();
        assertThat(metrics)
                .contains("mediagate_upstream_requests_total{connection=\"fake-main\",operation=\"get_video\","
                        + "outcome=\"unavailable\",status=\"503\",vendor=\"fake\"}")
                .contains("mediagate_upstream_latency_seconds")
                .contains("mediagate_quota_wait_seconds")
                .contains("resilience4j_circuitbreaker_state");
    }

    static int maxInAnyWindow(List<Long> times, Duration window) {
        int best = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (times.get(to) - times.get(from) >= window.toNanos()) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }
}
