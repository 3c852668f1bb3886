package io.mediagate.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.kit.FakeVendor;
import io.mediagate.gateway.GatewayTestSupport;
import io.mediagate.gateway.MediagateApplication;
import io.mediagate.gateway.policy.cluster.RedisLink;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import redis.embedded.RedisServer;

/**
 * Two gateway replicas sharing one Redis (embedded, no Docker): one quota for both, cache invalidations seen by
 * both, and a Redis outage that degrades to local buckets and recovers.
 */
class ClusterModeIT {
    private static final String KEY = "Bearer full-key";
    private static int redisPort;
    private static RedisServer redis;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static WebTestClient webA;
    private static WebTestClient webB;
    // room for the warm-up's bursts without queueing for a pooled connection
    private static final WebClient RAW = WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create(
                    ConnectionProvider.builder("cluster-it").maxConnections(200).build())))
            .build();
    private final FakeVendor quotaVendor = FakeVendor.named("gw-fake-quota");
    private final FakeVendor vendor = FakeVendor.named("gw-fake-main");

    @BeforeAll
    static void startClusterOfTwo() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            redisPort = s.getLocalPort();
        }
        redis = new RedisServer(redisPort);
        redis.start();
        a = replica();
        b = replica();
        webA = client(a);
        webB = client(b);
        awaitRedis(true);
        warm(webA);
        warm(webB);
        warmQuota();
    }

    /**
     * The shared bucket's path (Bucket4j's compare-and-swap over Lettuce, the refusal) runs interpreted at first,
     * and on a slow machine its Redis calls then pass {@code redis-timeout}: the replicas would measure their
     * fallback, not the shared bucket. A few rounds of refused bursts on the quota connection warm it; the bucket
     * then refills before any test.
     */
    private static void warmQuota() {
        for (int round = 0; round < 10; round++) {
            Flux.range(0, 40)
                    .flatMap(i -> status(i % 2 == 0 ? a : b, "/v1/connections/fake-quota/videos/fake00000001"))
                    .blockLast(Duration.ofSeconds(10));
        }
        awaitRedis(true);
        sleep(1_500);
    }

    /**
     * A fresh replica's first failure runs code no request ran before (its server span, the problem), and a cold
     * JVM takes ~100 ms for it: during a quota measurement that stall would hold back a vendor call past its
     * token. One failed and one answered read on a connection without a quota warm each replica first.
     */
    private static void warm(WebTestClient web) {
        for (String id : List.of("fake00000001", "fake99999999")) {
            web.get()
                    .uri("/v1/connections/fake-main/videos/" + id)
                    .header("Authorization", KEY)
                    .header("Cache-Control", "no-cache")
                    .exchange()
                    .returnResult(byte[].class)
                    .getResponseBody()
                    .blockLast(Duration.ofSeconds(10));
        }
    }

    private static ConfigurableApplicationContext replica() {
        return new SpringApplicationBuilder(MediagateApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--mediagate.cluster.redis-url=redis://127.0.0.1:" + redisPort,
                        "--mediagate.cluster.replicas=2",
                        "--logging.level.root=warn");
    }

    private static WebTestClient client(ConfigurableApplicationContext ctx) {
        return WebTestClient.bindToServer()
                .baseUrl(base(ctx))
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    private static String base(ConfigurableApplicationContext ctx) {
        return "http://127.0.0.1:"
                + ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    private static void awaitRedis(boolean up) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            if (a.getBean(RedisLink.class).available() == up
                    && b.getBean(RedisLink.class).available() == up) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("replicas did not see Redis " + (up ? "up" : "down"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @BeforeEach
    void reset() {
        quotaVendor.reset();
        vendor.reset();
    }

    @Test
    void twoReplicasTogetherNeverExceedOneConnectionsQuota() {
        // plan 10/s shared by both replicas; demand 2 requests per 100 ms on each replica for 2 s: 4x the plan,
        // so every token has a caller waiting for it. More demand measures only how loaded the machine is: with
        // both replicas in one JVM on two cores, 20x the plan pushed Redis answers past redis-timeout.
        double fallbacksBefore = fallbacks(a) + fallbacks(b);
        // a non-blocking client: WebTestClient's exchange() blocks for the answer, which serialised each tick's
        // requests and, on a slow machine, stretched the demand past the window the allowance is measured over
        Flux.interval(Duration.ofMillis(100))
                .take(20)
                .flatMap(t -> Flux.range(0, 4)
                        .flatMap(i -> status(i % 2 == 0 ? a : b, "/v1/connections/fake-quota/videos/fake00000001")))
                .blockLast(Duration.ofSeconds(30));
        List<Long> calls = quotaVendor.callTimes();
        // the plan's allowance over the time demand was there: from the first vendor call to the last
        double seconds = (calls.get(calls.size() - 1) - calls.get(0)) / 1e9;
        assertThat(maxInAnyWindow(calls, Duration.ofSeconds(1)))
                .as("calls in any 1 s window, both replicas")
                .isLessThanOrEqualTo(10);
        double allowed = 1 + 9 * seconds;
        assertThat(calls.size())
                .as("vendor calls vs %.1f allowed in %.2f s", allowed, seconds)
                .isGreaterThanOrEqualTo((int) Math.floor(0.9 * allowed));
        assertThat(fallbacks(a) + fallbacks(b))
                .as("every token came from the shared bucket")
                .isEqualTo(fallbacksBefore);
    }

    @Test
    void aBatchFloodOnOneReplicaDoesNotRefuseAnInteractiveClientOnTheOther() {
        // fake-fair: 20 per 10 s, max-wait 1.5 s. Batch calls queue at most half their wait into the shared bucket,
        // so an interactive call on the other replica waits at most that long behind them.
        FakeVendor fair = FakeVendor.named("gw-fake-fair");
        fair.reset();
        ConcurrentLinkedQueue<long[]> editor = new ConcurrentLinkedQueue<>();
        var flood = Flux.interval(Duration.ofMillis(100))
                .take(50)
                .flatMap(
                        t -> Flux.range(0, 2)
                                .flatMap(i -> webA.get()
                                        .uri("/v1/connections/fake-fair/videos/fake00000001")
                                        .header("Authorization", "Bearer batch-key")
                                        .exchange()
                                        .returnResult(byte[].class)
                                        .getResponseBody()
                                        .then()
                                        .thenReturn(1))
                                .subscribeOn(Schedulers.boundedElastic()),
                        100)
                .then();
        var interactive = Flux.interval(Duration.ofMillis(700), Duration.ofSeconds(1))
                .take(4)
                .flatMap(t -> Mono.fromCallable(() -> {
                            long start = System.nanoTime();
                            int status = webB.get()
                                    .uri("/v1/connections/fake-fair/videos/fake00000001")
                                    .header("Authorization", "Bearer editor-key")
                                    .exchange()
                                    .expectBody()
                                    .returnResult()
                                    .getStatus()
                                    .value();
                            editor.add(new long[] {status, (System.nanoTime() - start) / 1_000_000});
                            return status;
                        })
                        .subscribeOn(Schedulers.boundedElastic()))
                .then();
        Mono.when(flood, interactive).block(Duration.ofSeconds(30));
        assertThat(editor).hasSize(4).allSatisfy(r -> {
            assertThat(r[0]).as("editor status").isEqualTo(200);
            assertThat(r[1]).as("editor ms").isLessThan(1_500);
        });
        assertThat(fair.calls()).as("both replicas together within 20 per 10 s").isLessThanOrEqualTo(20);
    }

    /** One GET over a non-blocking client; emits the status once the body has been read. */
    private static Mono<Integer> status(ConfigurableApplicationContext ctx, String path) {
        return RAW.get()
                .uri(base(ctx) + path)
                .header("Authorization", KEY)
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
    }

    private static double fallbacks(ConfigurableApplicationContext ctx) {
        var counter = ctx.getBean(MeterRegistry.class)
                .find("mediagate.quota.fallback")
                .tag("connection", "fake-quota")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aPatchOnOneReplicaIsVisibleOnTheOther() {
        String path = "/v1/connections/fake-main/videos/fake00000003";
        webA.get()
                .uri(path)
                .header("Authorization", KEY)
                .exchange()
                .expectStatus()
                .isOk();
        webB.get()
                .uri(path)
                .header("Authorization", KEY)
                .exchange()
                .expectStatus()
                .isOk();
        webB.get()
                .uri(path)
                .header("Authorization", KEY)
                .exchange()
                .expectHeader()
                .value("Cache-Status", s -> assertThat(s).startsWith("mediagate; hit"));
        webA.patch()
                .uri(path)
                .header("Authorization", KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"Patched on A\"}")
                .exchange()
                .expectStatus()
                .isOk();
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        String seen = "";
        while (System.nanoTime() < until && !seen.contains("Patched on A")) {
            seen = webB.get()
                    .uri(path)
                    .header("Authorization", KEY)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            sleep(50);
        }
        assertThat(seen).contains("Patched on A");
    }

    @Test
    void redisOutageFallsBackToLocalBucketsAndRecovers() throws IOException {
        redis.stop();
        try {
            webA.get()
                    .uri("/v1/connections/fake-quota/videos/fake00000001")
                    .header("Authorization", KEY)
                    .exchange()
                    .expectStatus()
                    .isOk();
            awaitRedis(false);
            long start = System.nanoTime();
            int ok = 0;
            for (int i = 0; i < 20; i++) {
                int status = webA.get()
                        .uri("/v1/connections/fake-quota/videos/fake00000002")
                        .header("Authorization", KEY)
                        .exchange()
                        .returnResult(byte[].class)
                        .getStatus()
                        .value();
                assertThat(status).isIn(200, 429);
                ok += status == 200 ? 1 : 0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(ok)
                    .as("served from the local bucket (limit / replicas)")
                    .isPositive()
                    .isLessThanOrEqualTo((int) Math.ceil(1 + 4 * seconds) + 1);
            int managementPort = Integer.parseInt(a.getEnvironment().getProperty("local.management.port"));
            String metrics = GatewayTestSupport.management(managementPort)
                    .get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(metrics)
                    .contains("mediagate_cluster_redis_up 0.0")
                    .contains("mediagate_quota_fallback_total{connection=\"fake-quota\"}");
        } finally {
            redis = new RedisServer(redisPort);
            redis.start();
        }
        awaitRedis(true);
        // back on the shared bucket, which first pays for what A spent alone in the last period: a call that
        // comes right away may still be refused, but within a second calls go, and none from the fallback
        double fallbacksBefore = fallbacks(a);
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < until) {
            status = webA.get()
                    .uri("/v1/connections/fake-quota/videos/fake00000003")
                    .header("Authorization", KEY)
                    .exchange()
                    .returnResult(byte[].class)
                    .getStatus()
                    .value();
            sleep(status == 200 ? 0 : 100);
        }
        assertThat(status).as("served again after Redis returned").isEqualTo(200);
        assertThat(fallbacks(a)).as("tokens from the shared bucket again").isEqualTo(fallbacksBefore);
    }

    @Test
    void aReplicaThatMissedInvalidationsWhileRedisWasAwayClearsItsCacheOnReconnect() throws IOException {
        String path = "/v1/connections/fake-main/videos/fake00000004";
        webB.get()
                .uri(path)
                .header("Authorization", KEY)
                .exchange()
                .expectStatus()
                .isOk();
        redis.stop();
        try {
            awaitRedis(false);
            // B cannot hear about this change: the broadcast has nowhere to go
            webA.patch()
                    .uri(path)
                    .header("Authorization", KEY)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"title\":\"Changed while Redis was away\"}")
                    .exchange()
                    .expectStatus()
                    .isOk();
            webB.get()
                    .uri(path)
                    .header("Authorization", KEY)
                    .exchange()
                    .expectHeader()
                    .value("Cache-Status", s -> assertThat(s).startsWith("mediagate; hit"));
        } finally {
            redis = new RedisServer(redisPort);
            redis.start();
        }
        awaitRedis(true);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String seen = "";
        while (System.nanoTime() < until && !seen.contains("Changed while Redis was away")) {
            sleep(200);
            seen = webB.get()
                    .uri(path)
                    .header("Authorization", KEY)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
        }
        assertThat(seen).contains("Changed while Redis was away");
    }

    @Test
    void anIdempotencyKeyRepeatedOnTheOtherReplicaMakesOneVendorCall() {
        String body = "{\"source_url\":\"https://media.example.com/cluster.mp4\"}";
        byte[] first = webA.post()
                .uri("/v1/connections/fake-main/ingests")
                .header("Authorization", KEY)
                .header("Idempotency-Key", "cluster-order-7")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .returnResult()
                .getResponseBodyContent();
        byte[] second = webB.post()
                .uri("/v1/connections/fake-main/ingests")
                .header("Authorization", KEY)
                .header("Idempotency-Key", "cluster-order-7")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody()
                .returnResult()
                .getResponseBodyContent();
        assertThat(second).isEqualTo(first);
        assertThat(vendor.calls()).isEqualTo(1);
    }

    private static int maxInAnyWindow(List<Long> times, Duration window) {
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
