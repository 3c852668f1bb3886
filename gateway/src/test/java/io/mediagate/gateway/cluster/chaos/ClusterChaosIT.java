package io.mediagate.gateway.cluster.chaos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mediagate.sandbox.cincopa.CincopaSimulator;
import io.mediagate.sandbox.parone.ParOneSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An operator's bad day, for real: gateway replicas as separate JVMs in cluster mode, a real Redis server process,
 * one shared ParOne simulator holding the fleet to its plan (it answers 429 past it) and a Cincopa simulator,
 * under round-robin load at ten times the plan. Redis is hung ({@code kill -STOP}) and resumed, then killed
 * ({@code kill -9}) and restarted empty; the replica running an idempotent ingest is killed.
 *
 * <p>The short variant (in {@code mvn verify}) uses 2 replicas and a plan of 20 calls per 10 s so windows are
 * short; {@code -Dchaos.long=true} runs 3 replicas against ParOne's real 100 calls per minute with a 30 s pause.
 * Needs a POSIX {@code kill}; skipped elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterChaosIT {
    private static final String KEY = "Bearer full-key";
    private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    /** The shape of one run: the plan, the load's phases and the failures' lengths. */
    record Plan(
            int replicas,
            int limit,
            Duration period,
            Duration maxWait,
            Duration redisTimeout,
            Duration lease,
            Duration steady,
            Duration pause,
            Duration between,
            Duration redisDown,
            Duration after) {
        static Plan of(boolean longRun) {
            return longRun
                    ? new Plan(
                            3,
                            100,
                            Duration.ofMinutes(1),
                            Duration.ofSeconds(2),
                            Duration.ofMillis(200),
                            Duration.ofSeconds(10),
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(15),
                            Duration.ofSeconds(70))
                    : new Plan(
                            2,
                            20,
                            Duration.ofSeconds(10),
                            Duration.ofSeconds(1),
                            Duration.ofMillis(200),
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(4),
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(3),
                            Duration.ofSeconds(3),
                            Duration.ofSeconds(6));
        }

        double tenfoldPerSecond() {
            return 10.0 * limit / period.toSeconds();
        }
    }

    private final Plan plan = Plan.of(Boolean.getBoolean("chaos.long"));
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ReplicaProcess> replicas = new ArrayList<>();
    private Path dir;
    private ParOneSimulator parone;
    private CincopaSimulator cincopa;
    private RedisProcess redis;

    @BeforeAll
    void startCluster() throws Exception {
        assumeTrue(Chaos.canSignal(), "the chaos suite needs a POSIX kill to pause and kill Redis; skipped");
        dir = Files.createDirectories(Path.of("target", "chaos"));
        parone = new ParOneSimulator(0, plan.limit(), plan.period());
        cincopa = new CincopaSimulator(0);
        redis = new RedisProcess(Chaos.freePort(), dir.resolve("redis.log"));
        redis.start();
        for (int i = 0; i < plan.replicas(); i++) {
            Path log = dir.resolve("replica-" + i + ".log");
            Files.deleteIfExists(log);
            ReplicaProcess r = new ReplicaProcess("replica-" + i, Chaos.freePort(), log, replicaArgs());
            replicas.add(r);
            r.start();
        }
        for (ReplicaProcess r : replicas) {
            r.awaitReady(Duration.ofSeconds(120));
        }
    }

    private List<String> replicaArgs() {
        String p = "--mediagate.connections.parone-plan.";
        String c = "--mediagate.connections.cincopa-chaos.";
        return List.of(
                "--spring.profiles.active=test",
                "--mediagate.cluster.redis-url=redis://127.0.0.1:" + redis.port(),
                "--mediagate.cluster.replicas=" + plan.replicas(),
                "--mediagate.cluster.redis-timeout=" + plan.redisTimeout().toMillis() + "ms",
                "--mediagate.idempotency.lease=" + plan.lease().toMillis() + "ms",
                p + "vendor=parone",
                p + "base-url=" + parone.baseUrl(),
                p + "credentials.sync-code=" + ParOneSimulator.SYNC_CODE,
                p + "quota.limit=" + plan.limit(),
                p + "quota.period=" + plan.period().toMillis() + "ms",
                p + "quota.max-wait=" + plan.maxWait().toMillis() + "ms",
                p + "cache.enabled=false",
                c + "vendor=cincopa",
                c + "base-url=" + cincopa.baseUrl(),
                c + "credentials.api-token=" + CincopaSimulator.DEMO_TOKEN,
                c + "cache.ttl=5m",
                "--management.endpoints.web.exposure.include=health,prometheus",
                "--logging.level.root=warn",
                "--logging.level.io.mediagate.gateway.policy=info");
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (ReplicaProcess r : replicas) {
            r.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (parone != null) {
            parone.close();
        }
        if (cincopa != null) {
            cincopa.close();
        }
    }

    @Test
    @Order(1)
    void tenfoldLoadThroughAHungThenARestartedRedisStaysInsideThePlanAndServesNothingStale() throws Exception {
        ReplicaProcess writer = replicas.get(0);
        ReplicaProcess reader = replicas.get(1);
        String video = "/v1/connections/cincopa-chaos/videos/" + firstCincopaVideo(writer);
        String before = title(get(reader, video));
        assertThat(get(reader, video).headers().firstValue("Cache-Status").orElse(""))
                .startsWith("mediagate; hit");

        Load load = new Load(
                replicas.stream().map(ReplicaProcess::baseUrl).toList(),
                "/v1/connections/parone-plan/videos?limit=5",
                KEY);
        long start = System.nanoTime();
        load.start(plan.tenfoldPerSecond());
        sleep(plan.steady());

        try {
            hangThenRestartRedis(load, start, writer, reader, video, before);
        } finally {
            load.close();
            redis.ensureRunning();
        }
    }

    private void hangThenRestartRedis(
            Load load, long start, ReplicaProcess writer, ReplicaProcess reader, String video, String before)
            throws Exception {
        // 1. Redis hangs: it keeps its sockets and answers nothing
        Instant pausedAt = Instant.now();
        redis.pause();
        sleep(Duration.ofMillis(1500));
        for (ReplicaProcess r : replicas) {
            assertThat(metric(r, "mediagate_cluster_redis_up"))
                    .as(r.name() + " redis_up while Redis hangs")
                    .isEqualTo(0.0);
        }
        String renamed = "Renamed while Redis hung " + UUID.randomUUID();
        HttpResponse<String> patch = http.send(
                HttpRequest.newBuilder(URI.create(writer.baseUrl() + video))
                        .header("Authorization", KEY)
                        .header("Content-Type", "application/merge-patch+json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"" + renamed + "\"}"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(patch.statusCode())
                .as("a write while Redis hangs still goes through")
                .isEqualTo(200);
        sleep(plan.pause().minusMillis(1500));
        redis.resume();
        Instant resumedAt = Instant.now();
        long resumed = System.nanoTime();
        // 4. the reader may have missed the eviction: once the link is back it must not serve the old title
        String seen = before;
        while (!seen.equals(renamed)
                && System.nanoTime() - resumed < Duration.ofSeconds(10).toNanos()) {
            seen = title(get(reader, video));
            Chaos.sleep(100);
        }
        long staleMillis = (System.nanoTime() - resumed) / 1_000_000;
        assertThat(seen).as("the reader's title after Redis resumed").isEqualTo(renamed);
        assertThat(staleMillis)
                .as("ms the reader stayed stale after Redis resumed")
                .isLessThan(5000);
        awaitMetric("mediagate_cluster_redis_up", 1.0, Duration.ofSeconds(5));
        sleep(plan.between());

        // 3. Redis dies and comes back empty
        Instant killedAt = Instant.now();
        redis.kill();
        sleep(plan.redisDown());
        redis.start();
        Instant restartedAt = Instant.now();
        awaitMetric("mediagate_cluster_redis_up", 1.0, Duration.ofSeconds(10));
        sleep(plan.after());
        List<Load.Answer> answers = load.stop();
        double seconds = (System.nanoTime() - start) / 1e9;

        List<Long> calls = parone.requests().stream()
                .map(r -> r.getLoggedDate().getTime())
                .sorted()
                .toList();
        int worstWindow = Chaos.maxInAnyWindow(calls, plan.period().toMillis());
        long maxTook = answers.stream().mapToLong(Load.Answer::tookNanos).max().orElse(0) / 1_000_000;
        long ok = answers.stream().filter(a -> a.status() == 200).count();
        double fallbackTokens = replicas.stream()
                .mapToDouble(r -> metric(r, "mediagate_quota_fallback_total{connection=\"parone-plan\"}"))
                .sum();
        System.out.printf(
                "chaos: %d requests in %.1f s, %d served, %d vendor calls (%.0f%% of the %.0f the plan "
                        + "allows), worst %d s window %d/%d, vendor 429s %d, slowest answer %d ms, "
                        + "fallback tokens %.0f, reader stale %d ms after Redis resumed%n",
                answers.size(),
                seconds,
                ok,
                calls.size(),
                100.0 * calls.size() / allowed(seconds),
                allowed(seconds),
                plan.period().toSeconds(),
                worstWindow,
                plan.limit(),
                parone.rateLimitedAnswers(),
                maxTook,
                fallbackTokens,
                staleMillis);

        assertThat(parone.rateLimitedAnswers()).as("vendor 429s").isZero();
        assertThat(worstWindow).as("vendor calls in any one period").isLessThanOrEqualTo(plan.limit());
        assertThat(calls.size())
                .as("the plan is still used, not refused wholesale")
                .isGreaterThanOrEqualTo((int) (0.5 * allowed(seconds)));
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).as("status").isIn(200, 429);
            if (a.status() == 429) {
                assertThat(a.retryAfter()).as("Retry-After of a 429").isNotNull();
                assertThat(a.contentType()).startsWith("application/problem+json");
            }
        });
        // 6. nobody waits past max-wait plus one Redis timeout (plus what a loaded 2-core machine adds)
        assertThat(maxTook)
                .as("slowest answer, ms")
                .isLessThan(plan.maxWait().plus(plan.redisTimeout()).toMillis() + 1000);
        // 5. counters count tokens, and the link logged each transition once
        assertThat(fallbackTokens)
                .as("fallback tokens are calls that went out")
                .isPositive()
                .isLessThanOrEqualTo(calls.size());
        // a loaded machine may time out a stray command between the failures (a real, logged transition);
        // what must not happen is flapping during one: one "unreachable", then one "reachable again"
        Duration settle = Duration.ofSeconds(5);
        for (ReplicaProcess r : replicas) {
            List<String> log = Files.readAllLines(r.log());
            String first = log.stream()
                    .filter(l -> l.contains("cluster mode:"))
                    .findFirst()
                    .orElse("");
            assertThat(first).as(r.name() + " first link log").contains("connected to Redis");
            assertThat(linesBetween(log, "connected to Redis", Instant.MIN, Instant.MAX))
                    .isEqualTo(1);
            assertThat(linesBetween(log, "Redis is unreachable", pausedAt, resumedAt))
                    .as(r.name() + " 'unreachable' logs while Redis hung")
                    .isEqualTo(1);
            assertThat(linesBetween(log, "Redis is reachable again", pausedAt, resumedAt.plus(settle)))
                    .as(r.name() + " 'reachable again' logs for the hang")
                    .isEqualTo(1);
            assertThat(linesBetween(log, "Redis is unreachable", killedAt, restartedAt))
                    .as(r.name() + " 'unreachable' logs while Redis was dead")
                    .isEqualTo(1);
            assertThat(linesBetween(log, "Redis is reachable again", killedAt, restartedAt.plus(settle)))
                    .as(r.name() + " 'reachable again' logs for the restart")
                    .isEqualTo(1);
            assertThat(linesBetween(log, "Redis is unreachable", Instant.MIN, Instant.MAX))
                    .as(r.name() + " every 'unreachable' is followed by one 'reachable again'")
                    .isEqualTo(linesBetween(log, "Redis is reachable again", Instant.MIN, Instant.MAX));
        }
    }

    @Test
    @Order(2)
    void concurrentDuplicatesGetTheOutcomeOrA409NeverABodilessAnswer() throws Exception {
        for (int trial = 0; trial < 6; trial++) {
            String key = "dup-" + trial + "-" + UUID.randomUUID();
            String body = "{\"source_url\":\"https://media.example.com/chaos-" + key + ".mp4\"}";
            if (trial % 2 == 1) {
                // a slow vendor makes the duplicates overlap the first call for sure
                cincopa.answerNext(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":true,\"runtime\":7,\"status_id\":\"st-slow-" + trial + "\"}")
                        .withFixedDelay(800)
                        .build());
            }
            long uploadsBefore = uploads();
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(http.sendAsync(
                        ingest(replicas.get(i % replicas.size()), key, body), HttpResponse.BodyHandlers.ofString()));
            }
            int fresh = 0;
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as("trial %d answer", trial).isIn(202, 409);
                if (r.statusCode() == 202) {
                    assertThat(r.body()).contains("\"id\"");
                    assertThat(r.headers().firstValue("Location")).isPresent();
                    fresh += r.headers().firstValue("Idempotent-Replayed").isEmpty() ? 1 : 0;
                } else {
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    assertThat(r.body()).contains("idempotency-key-in-flight");
                }
            }
            assertThat(fresh)
                    .as("answers that were not replays, trial %d", trial)
                    .isLessThanOrEqualTo(1);
            assertThat(uploads() - uploadsBefore)
                    .as("vendor ingests, trial %d", trial)
                    .isEqualTo(1);
        }
    }

    @Test
    @Order(3)
    void aKeyWhoseReplicaDiedIsFreeAfterOneLeaseAndTheOthersKeepServing() throws Exception {
        ReplicaProcess survivor = replicas.get(0);
        ReplicaProcess victim = replicas.get(replicas.size() - 1);
        String key = "owner-dies-" + UUID.randomUUID();
        String body = "{\"source_url\":\"https://media.example.com/" + key + ".mp4\"}";
        cincopa.answerNext(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":true,\"runtime\":7,\"status_id\":\"st-never-answered\"}")
                .withFixedDelay(30_000)
                .build());
        long uploadsBefore = uploads();
        http.sendAsync(ingest(victim, key, body), HttpResponse.BodyHandlers.ofString());
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (uploads() == uploadsBefore && System.nanoTime() < until) {
            Chaos.sleep(20);
        }
        assertThat(uploads()).as("the victim's vendor call started").isGreaterThan(uploadsBefore);
        victim.kill();
        long killed = System.nanoTime();

        HttpResponse<String> during = http.send(ingest(survivor, key, body), HttpResponse.BodyHandlers.ofString());
        assertThat(during.statusCode()).as("while the dead owner's lease runs").isEqualTo(409);
        assertThat(during.headers().firstValue("Retry-After")).isPresent();
        assertThat(get(survivor, "/v1/connections/parone-plan/videos?limit=5").statusCode())
                .as("the survivor keeps serving")
                .isIn(200, 429);
        HttpResponse<String> after = during;
        while (after.statusCode() == 409
                && System.nanoTime() - killed < plan.lease().multipliedBy(3).toNanos()) {
            Chaos.sleep(200);
            after = http.send(ingest(survivor, key, body), HttpResponse.BodyHandlers.ofString());
        }
        long freedMillis = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf(
                "chaos: key of a killed replica free after %d ms (lease %d ms)%n",
                freedMillis, plan.lease().toMillis());
        assertThat(after.statusCode())
                .as("the key, after the dead owner's lease lapsed")
                .isEqualTo(202);
        assertThat(freedMillis)
                .as("ms until the key was free")
                .isLessThan(plan.lease().toMillis() + 1500);

        if (Boolean.getBoolean("chaos.long")) {
            victim.start();
            victim.awaitReady(Duration.ofSeconds(120));
            assertThat(get(victim, "/v1/connections/parone-plan/videos?limit=5").statusCode())
                    .isIn(200, 429);
            assertThat(metric(victim, "mediagate_cluster_redis_up"))
                    .as("the restarted replica rejoined")
                    .isEqualTo(1.0);
        }
    }

    private double allowed(double seconds) {
        return plan.limit() * seconds / plan.period().toSeconds();
    }

    private long uploads() {
        return cincopa.requests().stream()
                .filter(r -> r.getUrl().contains("asset.upload_from_url.json"))
                .count();
    }

    private static HttpRequest ingest(ReplicaProcess r, String key, String body) {
        return HttpRequest.newBuilder(URI.create(r.baseUrl() + "/v1/connections/cincopa-chaos/ingests"))
                .header("Authorization", KEY)
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(15))
                .build();
    }

    private String firstCincopaVideo(ReplicaProcess r) throws IOException, InterruptedException {
        Matcher m = ID.matcher(
                get(r, "/v1/connections/cincopa-chaos/videos?limit=1").body());
        assertThat(m.find()).as("a seeded Cincopa video").isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(ReplicaProcess r, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(r.baseUrl() + path))
                        .header("Authorization", KEY)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String title(HttpResponse<String> r) {
        Matcher m = TITLE.matcher(r.body());
        return m.find() ? m.group(1) : "";
    }

    /** One sample's value from the replica's Prometheus scrape, NaN when absent. */
    private double metric(ReplicaProcess r, String sample) {
        try {
            String text = http.send(
                            HttpRequest.newBuilder(URI.create(r.baseUrl() + "/actuator/prometheus"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            for (String line : text.split("\n")) {
                if (line.startsWith(sample + " ")) {
                    return Double.parseDouble(
                            line.substring(sample.length() + 1).trim());
                }
            }
            return Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private void awaitMetric(String sample, double value, Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            if (replicas.stream().filter(ReplicaProcess::alive).allMatch(r -> metric(r, sample) == value)) {
                return;
            }
            Chaos.sleep(100);
        }
        for (ReplicaProcess r : replicas) {
            assertThat(metric(r, sample)).as(r.name() + " " + sample).isEqualTo(value);
        }
    }

    /** Log lines holding {@code needle} whose timestamp (Spring Boot's ISO prefix) lies in [from, to]. */
    private static int linesBetween(List<String> log, String needle, Instant from, Instant to) {
        int n = 0;
        for (String line : log) {
            if (line.contains(needle)) {
                Instant at = Instant.parse(line.substring(0, line.indexOf(' ')));
                n += at.isBefore(from) || at.isAfter(to) ? 0 : 1;
            }
        }
        return n;
    }

    private static void sleep(Duration d) {
        Chaos.sleep(Math.max(0, d.toMillis()));
    }
}
