package io.mediagate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mediagate.gateway.MediagateApplication;
import io.mediagate.gateway.policy.cluster.RedisLink;
import io.mediagate.sandbox.cincopa.CincopaSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;
import redis.embedded.RedisServer;

/**
 * Cluster mode with an hour-long poll interval: a raw write made through the replica that does not poll reaches
 * the lease holder (a Redis pub/sub nudge), which lists once; and when the holder stops, its short lease lapses
 * and the other replica takes it over within seconds, not at its next hourly round.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterNudgeIT {
    private static final String EVENTS = "Bearer events-key";
    private static final CincopaSimulator CINCOPA = new CincopaSimulator(0);
    private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    private static RedisServer redis;

    @BeforeAll
    static void startClusterOfTwo() throws IOException, InterruptedException {
        int redisPort;
        try (ServerSocket s = new ServerSocket(0)) {
            redisPort = s.getLocalPort();
        }
        redis = new RedisServer(redisPort);
        redis.start();
        replicas.add(replica(redisPort));
        replicas.add(replica(redisPort));
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until
                && (!replicas.stream().allMatch(r -> r.getBean(RedisLink.class).available())
                        || replicas.stream()
                                .noneMatch(r -> polls(r)
                                        && r.getBean(CataloguePoller.class).hasBaseline("cincopa-events")))) {
            Thread.sleep(50);
        }
    }

    private static ConfigurableApplicationContext replica(int redisPort) {
        String c = "--mediagate.connections.cincopa-events.";
        return new SpringApplicationBuilder(MediagateApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--mediagate.cluster.redis-url=redis://127.0.0.1:" + redisPort,
                        "--mediagate.cluster.replicas=2",
                        "--logging.level.root=warn",
                        "--mediagate.clients[0].id=events",
                        "--mediagate.clients[0].key-sha256="
                                + "8fb7db2dd87bff09526f4e6b7bfcd42be0cffbd5e22427159d171cba6edfa2ac",
                        "--mediagate.clients[0].scopes=events:read,raw",
                        "--mediagate.clients[0].connections=cincopa-events",
                        "--mediagate.events.poll.interval=1h",
                        "--mediagate.events.poll.connections=cincopa-events",
                        c + "vendor=cincopa",
                        c + "base-url=" + CINCOPA.baseUrl(),
                        c + "credentials.api-token=" + CincopaSimulator.DEMO_TOKEN,
                        c + "cache.enabled=false");
    }

    @AfterAll
    static void stop() throws IOException {
        replicas.forEach(ConfigurableApplicationContext::close);
        if (redis != null) {
            redis.stop();
        }
        CINCOPA.close();
    }

    private static int port(ConfigurableApplicationContext r) {
        return ((WebServerApplicationContext) r).getWebServer().getPort();
    }

    private static boolean polls(ConfigurableApplicationContext r) {
        CataloguePoller poller = r.getBean(CataloguePoller.class);
        return poller.isRunning() && poller.polls("cincopa-events");
    }

    private static long catalogueListings() {
        return CINCOPA.requests().stream()
                .map(LoggedRequest::getUrl)
                .filter(u -> u.startsWith("/v2/asset.list.json") && !u.contains("rid="))
                .count();
    }

    private static void rawSetCaption(ConfigurableApplicationContext through, String rid, String caption) {
        Integer status = WebClient.create("http://127.0.0.1:" + port(through))
                .post()
                .uri("/v1/connections/cincopa-events/raw/asset.set_meta.json?rid=" + rid + "&caption="
                        + URLEncoder.encode(caption, StandardCharsets.UTF_8))
                .header("Authorization", EVENTS)
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
                .block(Duration.ofSeconds(10));
        assertThat(status).isEqualTo(200);
    }

    private static String rid(int index) {
        return (String) CINCOPA.assetsOfType("video").get(index).get("rid");
    }

    @Test
    @Order(1)
    void aRawWriteThroughTheReplicaThatDoesNotPollReachesTheLeaseHolder() throws Exception {
        ConfigurableApplicationContext holder = replicas.stream()
                .filter(ClusterNudgeIT::polls)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no replica took the poll lease"));
        ConfigurableApplicationContext other = replicas.get(0) == holder ? replicas.get(1) : replicas.get(0);
        assertThat(polls(other)).as("exactly one replica polls").isFalse();
        String caption = "nudged across replicas " + UUID.randomUUID();
        try (EventStream events = EventStream.open(port(other), "?connections=cincopa-events", EVENTS, null)) {
            long before = catalogueListings();
            rawSetCaption(other, rid(1), caption);
            EventStream.Received r = events.next(e -> caption.equals(e.video().get("title")), Duration.ofSeconds(5));
            assertThat(r.event()).isEqualTo("video.updated");
            // the replica that does not poll heard the nudge too, and left it to the holder
            Thread.sleep(1000);
            assertThat(catalogueListings() - before)
                    .as("listings: the holder's one round")
                    .isEqualTo(1);
            assertThat(polls(holder))
                    .as("the holder kept its lease between hourly rounds")
                    .isTrue();
        }
    }

    @Test
    @Order(2)
    void whenTheHolderStopsTheOtherReplicaTakesItsLeaseWithinSecondsDespiteTheHourlyInterval() throws Exception {
        ConfigurableApplicationContext holder = replicas.stream()
                .filter(ClusterNudgeIT::polls)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no replica holds the poll lease"));
        ConfigurableApplicationContext survivor = replicas.get(0) == holder ? replicas.get(1) : replicas.get(0);
        // the holder stops polling and renewing (closing a context here would tear down the Netty resources the
        // other replica shares in this JVM)
        holder.getBean(CataloguePoller.class).stop();
        String caption = "after the holder stopped " + UUID.randomUUID();
        try (EventStream events = EventStream.open(port(survivor), "?connections=cincopa-events", EVENTS, null)) {
            rawSetCaption(survivor, rid(2), caption);
            EventStream.Received r = events.next(e -> caption.equals(e.video().get("title")), Duration.ofSeconds(10));
            assertThat(r.event()).isEqualTo("video.updated");
            assertThat(polls(survivor)).as("the survivor took the lease over").isTrue();
        }
    }
}
