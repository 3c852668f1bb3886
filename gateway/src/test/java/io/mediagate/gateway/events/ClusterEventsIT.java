package io.mediagate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.kit.FakeVendor;
import io.mediagate.contracts.kit.FakeVideoProvider;
import io.mediagate.gateway.MediagateApplication;
import io.mediagate.gateway.policy.cluster.RedisLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import redis.embedded.RedisServer;

/**
 * Two replicas on one embedded Redis: one polls the connection (the lease), both serve the same events from the
 * Redis Stream, and the polling replica dying mid-stream loses no change: the other takes the lease over with
 * the shared catalogue and reports every change, in order, without repeating an id. Webhook deliveries run once
 * per subscription across the replicas, whichever replica the subscription was made on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterEventsIT {
    private static final String EVENTS = "Bearer events-key";
    private static final FakeVendor VENDOR = FakeVendor.named("gw-fake-cluster-events");
    private static RedisServer redis;
    private static int redisPort;
    private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

    @BeforeAll
    static void startClusterOfTwo() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            redisPort = s.getLocalPort();
        }
        redis = new RedisServer(redisPort);
        redis.start();
        VENDOR.reset();
        replicas.add(replica());
        replicas.add(replica());
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until
                && !replicas.stream().allMatch(r -> r.getBean(RedisLink.class).available())) {
            sleep(50);
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
                        "--logging.level.root=warn",
                        "--mediagate.events.poll.interval=100ms",
                        "--mediagate.events.poll.connections=fake-events",
                        "--mediagate.connections.fake-events.vendor=fake",
                        "--mediagate.connections.fake-events.base-url=http://fake.invalid/api",
                        "--mediagate.connections.fake-events.credentials.token=fake-token",
                        "--mediagate.connections.fake-events.options.instance=gw-fake-cluster-events",
                        "--mediagate.connections.fake-events.cache.enabled=false",
                        "--mediagate.events.webhooks.allowed-hosts=127.0.0.1",
                        "--mediagate.events.webhooks.first-backoff=50ms",
                        "--mediagate.events.webhooks.max-backoff=200ms");
    }

    @AfterAll
    static void stop() throws IOException {
        replicas.forEach(ConfigurableApplicationContext::close);
        if (redis != null) {
            redis.stop();
        }
    }

    private static int port(ConfigurableApplicationContext r) {
        return ((WebServerApplicationContext) r).getWebServer().getPort();
    }

    private static boolean polls(ConfigurableApplicationContext r) {
        CataloguePoller poller = r.getBean(CataloguePoller.class);
        return poller.isRunning() && poller.polls("fake-events");
    }

    @Test
    @Order(1)
    void aSubscriptionMadeOnOneReplicaGetsEachEventOnceFromTheCluster() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            headers.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Map<?, ?> subscription = WebClient.create("http://127.0.0.1:" + port(replicas.get(0)))
                    .post()
                    .uri("/v1/subscriptions")
                    .header("Authorization", EVENTS)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"url\":\"http://127.0.0.1:"
                            + receiver.getAddress().getPort() + "/hook\",\"connections\":[\"fake-main\"]}")
                    .retrieve()
                    .bodyToMono(Map.class)
                    .block(Duration.ofSeconds(10));
            sleep(1500);
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String title = "delivered once " + i + " " + UUID.randomUUID();
                titles.add(title);
                // alternately through each replica
                WebClient.create("http://127.0.0.1:" + port(replicas.get(i % 2)))
                        .patch()
                        .uri("/v1/connections/fake-main/videos/fake00000002")
                        .header("Authorization", EVENTS)
                        .contentType(MediaType.valueOf("application/merge-patch+json"))
                        .bodyValue("{\"title\":\"" + title + "\"}")
                        .retrieve()
                        .toBodilessEntity()
                        .block(Duration.ofSeconds(10));
            }
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < until
                    && !titles.stream().allMatch(t -> bodies.stream().anyMatch(b -> b.contains(t)))) {
                sleep(50);
            }
            sleep(1000);
            for (String t : titles) {
                assertThat(bodies.stream().filter(b -> b.contains(t)).count())
                        .as("deliveries of " + t)
                        .isEqualTo(1);
            }
            for (int i = 0; i < bodies.size(); i++) {
                new Webhook((String) subscription.get("secret")).verify(bodies.get(i), headers.get(i));
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    @Order(2)
    void stoppingThePollingReplicaMidStreamLosesNoChange() throws Exception {
        // the baseline is in: one replica holds the lease and has listed the catalogue at least twice
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until
                && (VENDOR.calls() < 2 || replicas.stream().noneMatch(ClusterEventsIT::polls))) {
            sleep(50);
        }
        ConfigurableApplicationContext holder = replicas.stream()
                .filter(ClusterEventsIT::polls)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no replica took the poll lease"));
        ConfigurableApplicationContext survivor = replicas.get(0) == holder ? replicas.get(1) : replicas.get(0);
        assertThat(polls(survivor)).as("exactly one replica polls").isFalse();

        FakeVideoProvider direct = FakeVideoProvider.allCapabilities("fake-events", VENDOR, "fake-token");
        Map<String, String> finalTitle = new HashMap<>();
        try (EventStream events = EventStream.open(port(survivor), "?connections=fake-events", EVENTS, null)) {
            for (int k = 0; k < 14; k++) {
                String id = String.format("fake%08d", k % 7 + 1);
                String title = "generation " + k;
                direct.updateVideo(id, new VideoPatch(title, null, null, null)).block();
                finalTitle.put(id, title);
                if (k == 4) {
                    // the polling replica dies mid-stream: it stops polling and renewing its lease, and
                    // what it had not yet found is left to the survivor. (Closing a whole context in this JVM
                    // would also tear down the Reactor Netty resources the other replica shares.)
                    holder.getBean(CataloguePoller.class).stop();
                    holder.getBean(EventLog.class).stop();
                }
                sleep(150);
            }
            List<EventStream.Received> seen = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!finalTitle.entrySet().stream()
                    .allMatch(f -> seen.stream()
                            .anyMatch(e -> f.getKey().equals(e.video().get("id"))
                                    && f.getValue().equals(e.video().get("title"))))) {
                assertThat(System.nanoTime())
                        .as("every video's last change arrived; seen: %s", seen)
                        .isLessThan(end);
                seen.addAll(events.drain());
                sleep(50);
            }
            seen.addAll(events.drain());
            assertThat(polls(survivor)).as("the survivor took the lease over").isTrue();
            List<Long> positions =
                    seen.stream().map(e -> ChangeEvent.position(e.id())).toList();
            assertThat(new HashSet<>(positions)).as("no id twice").hasSize(positions.size());
            assertThat(positions).as("ids in order").isSorted();
            System.out.println("cluster: " + seen.size() + " events for 14 changes to 7 videos, lease taken over");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
