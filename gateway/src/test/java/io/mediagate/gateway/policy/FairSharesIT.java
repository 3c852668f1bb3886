package io.mediagate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.kit.FakeVendor;
import io.mediagate.gateway.GatewayTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fair shares of a scarce vendor budget, seen from outside, on {@code fake-fair}: 20 calls per 10 s (one token every
 * ~556 ms after a burst of 2), {@code max-wait} 1.5 s. {@code catalogue-sync} is a batch client, {@code editor} an
 * interactive one, {@code reporting} an interactive one held to 30% of the connection.
 */
class FairSharesIT extends GatewayTestSupport {
    private static final String BATCH = "Bearer batch-key";
    private static final String EDITOR = "Bearer editor-key";
    private static final String REPORTING = "Bearer reporting-key";
    private static final String ADMIN = "Bearer admin-key";
    private final FakeVendor fairVendor = FakeVendor.named("gw-fake-fair");

    private EntityExchangeResult<byte[]> get(String key, String priority) {
        var spec =
                web.get().uri("/v1/connections/fake-fair/videos/fake00000001").header("Authorization", key);
        if (priority != null) {
            spec = spec.header("Priority", priority);
        }
        return spec.exchange().expectBody().returnResult();
    }

    private record Timed(int status, long millis) {}

    @Test
    void aBatchFloodNeitherRefusesNorDelaysAnInteractiveClientPastMaxWait() {
        fairVendor.reset();
        AtomicInteger batchOk = new AtomicInteger();
        AtomicInteger batchRefused = new AtomicInteger();
        ConcurrentLinkedQueue<Timed> editor = new ConcurrentLinkedQueue<>();
        // the batch client asks 20 times a second for 6 s: ten times the plan
        Mono<Void> flood = Flux.interval(Duration.ofMillis(100))
                .take(60)
                .flatMap(
                        t -> Flux.range(0, 2)
                                .flatMap(i -> Mono.fromCallable(() -> get(BATCH, null))
                                        .subscribeOn(Schedulers.boundedElastic())),
                        120)
                .doOnNext(r -> (r.getStatus().value() == 200 ? batchOk : batchRefused).incrementAndGet())
                .then();
        // once the flood holds the queue, the editor asks once a second
        Mono<Void> interactive = Flux.interval(Duration.ofMillis(700), Duration.ofSeconds(1))
                .take(5)
                .flatMap(t -> Mono.fromCallable(() -> {
                            long start = System.nanoTime();
                            int status = get(EDITOR, null).getStatus().value();
                            editor.add(new Timed(status, (System.nanoTime() - start) / 1_000_000));
                            return status;
                        })
                        .subscribeOn(Schedulers.boundedElastic()))
                .then();
        Mono.when(flood, interactive).block(Duration.ofSeconds(30));

        assertThat(editor).hasSize(5);
        assertThat(editor).as("the editor's answers").allSatisfy(r -> {
            assertThat(r.status).isEqualTo(200);
            // one or two tokens' wait (a batch token may be due under its floor), never max-wait's 1.5 s
            assertThat(r.millis).isLessThan(1_500);
        });
        assertThat(batchRefused.get())
                .as("the flood is refused beyond the plan")
                .isPositive();
        assertThat(batchOk.get()).as("...but still gets the rest of the plan").isGreaterThanOrEqualTo(8);
        List<Long> calls = fairVendor.callTimes();
        assertThat(calls).as("vendor calls in 6 s on a plan of 20 per 10 s").hasSizeLessThanOrEqualTo(20);
        assertThat(calls).hasSize(batchOk.get() + 5);
    }

    @Test
    void aClientOverItsShareIsRefusedWithClientShareExhaustedWhileOthersStillGo() {
        fairVendor.reset();
        // 30% of 20 per 10 s: six calls a period
        for (int i = 0; i < 6; i++) {
            assertThat(get(REPORTING, null).getStatus().value())
                    .as("call %d within the share", i)
                    .isEqualTo(200);
        }
        EntityExchangeResult<byte[]> over = get(REPORTING, null);
        assertThat(over.getStatus().value()).isEqualTo(429);
        assertThat(over.getResponseHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(new String(over.getResponseBodyContent()))
                .contains("\"type\":\"https://mediagate.dev/problems/client-share-exhausted\"")
                .contains("\"share_percent\":30")
                .contains("\"connection\":\"fake-fair\"");
        long retryAfter = Long.parseLong(over.getResponseHeaders().getFirst("Retry-After"));
        // the share frees when the first of the six calls leaves the 10 s period
        assertThat(retryAfter).isBetween(5L, 10L);
        assertThat(fairVendor.calls())
                .as("the refused call never reached the vendor")
                .isEqualTo(6);
        assertThat(get(EDITOR, null).getStatus().value())
                .as("another client still gets a token")
                .isEqualTo(200);
    }

    @Test
    void theQuotaViewShowsTheBudgetAndOnlyTheCallersOwnUseUnlessAdmin() {
        get(EDITOR, null);
        get(EDITOR, "u=5");
        get(REPORTING, "u=7, i");
        get(BATCH, "u=0"); // asks for more than its client's class: stays batch
        web.get()
                .uri("/v1/connections/fake-fair/quota")
                .header("Authorization", EDITOR)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.connection")
                .isEqualTo("fake-fair")
                .jsonPath("$.limit")
                .isEqualTo(20)
                .jsonPath("$.period_seconds")
                .isEqualTo(10)
                .jsonPath("$.tokens_left")
                .isEqualTo(0)
                .jsonPath("$.next_token_at")
                .exists()
                .jsonPath("$.waiting.interactive")
                .isEqualTo(0)
                .jsonPath("$.used.interactive")
                .isEqualTo(1)
                .jsonPath("$.used.batch")
                .isEqualTo(2)
                .jsonPath("$.used.background")
                .isEqualTo(1)
                .jsonPath("$.clients.length()")
                .isEqualTo(1)
                .jsonPath("$.clients[0].client")
                .isEqualTo("editor")
                .jsonPath("$.clients[0].used")
                .isEqualTo(2);
        web.get()
                .uri("/v1/connections/fake-fair/quota")
                .header("Authorization", ADMIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.clients[*].client")
                .value(v -> assertThat(v.toString()).contains("editor", "reporting", "catalogue-sync"))
                .jsonPath("$.clients[?(@.client=='reporting')].share_percent")
                .value(v -> assertThat(v.toString()).contains("30"));
    }

    @Test
    void theQuotaViewAnswersProblemsForConnectionsTheCallerMayNotSee() {
        web.get()
                .uri("/v1/connections/fake-main/quota")
                .header("Authorization", EDITOR)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/connection-not-allowed");
        web.get()
                .uri("/v1/connections/nope/quota")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/unknown-connection");
        web.get()
                .uri("/v1/connections/fake-main/quota")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.connection")
                .isEqualTo("fake-main")
                .jsonPath("$.limit")
                .doesNotExist();
    }

    @Test
    void classMetersExistFromStartUpWithHelpText() {
        String metrics = prometheus();
        assertThat(metrics)
                .contains("# HELP mediagate_quota_waiting ")
                .contains("mediagate_quota_waiting{class=\"background\",connection=\"fake-fair\"} 0.0")
                .contains("# HELP mediagate_quota_class_wait_seconds ")
                .contains("mediagate_quota_class_wait_seconds_count{class=\"batch\",connection=\"fake-quota\"}")
                .contains("# HELP mediagate_quota_share_rejections_total ")
                .contains("mediagate_quota_share_rejections_total{client=\"reporting\",connection=\"fake-fair\"} ");
    }
}
