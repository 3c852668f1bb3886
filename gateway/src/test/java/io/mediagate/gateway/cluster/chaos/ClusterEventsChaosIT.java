package io.mediagate.gateway.cluster.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mediagate.sandbox.cincopa.CincopaSimulator;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Change events when the polling replica dies: two replicas as separate JVMs on a real Redis, the first one to
 * start holds the poll lease of a Cincopa connection, videos are changed at the vendor itself (not through the
 * gateway), and the first replica is killed with {@code kill -9} halfway. The other replica's event stream must
 * show every change exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterEventsChaosIT {
    // sha256("events-key"), the test profile's events client; the list given here replaces the profile's clients
    private static final String EVENTS_KEY_HASH = "8fb7db2dd87bff09526f4e6b7bfcd42be0cffbd5e22427159d171cba6edfa2ac";
    private static final Pattern EVENT = Pattern.compile("\"type\":\"video.updated\".*?\"title\":\"(chaos-[0-9]+)\"");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ReplicaProcess> replicas = new ArrayList<>();
    private CincopaSimulator cincopa;
    private RedisProcess redis;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Chaos.canSignal(), "the chaos suite needs a POSIX kill; skipped");
        Path dir = Files.createDirectories(Path.of("target", "chaos-events"));
        cincopa = new CincopaSimulator(0);
        redis = new RedisProcess(Chaos.freePort(), dir.resolve("redis.log"));
        redis.start();
        for (int i = 0; i < 2; i++) {
            Path log = dir.resolve("replica-" + i + ".log");
            Files.deleteIfExists(log);
            ReplicaProcess r = new ReplicaProcess("replica-" + i, Chaos.freePort(), log, args());
            replicas.add(r);
            r.start();
            // the first replica is ready, and so polling and holding the lease, before the second starts
            r.awaitReady(Duration.ofSeconds(120));
            Chaos.sleep(1500);
        }
    }

    private List<String> args() {
        String c = "--mediagate.connections.cincopa-events.";
        return List.of(
                "--spring.profiles.active=test",
                "--mediagate.cluster.redis-url=redis://127.0.0.1:" + redis.port(),
                "--mediagate.cluster.replicas=2",
                c + "vendor=cincopa",
                c + "base-url=" + cincopa.baseUrl(),
                c + "credentials.api-token=" + CincopaSimulator.DEMO_TOKEN,
                c + "cache.enabled=false",
                "--mediagate.events.poll.interval=300ms",
                "--mediagate.events.poll.connections=cincopa-events",
                "--mediagate.events.poll.share=1.0",
                "--mediagate.clients[0].id=events",
                "--mediagate.clients[0].key-sha256=" + EVENTS_KEY_HASH,
                "--mediagate.clients[0].scopes[0]=events:read",
                "--mediagate.clients[0].connections[0]=*",
                "--logging.level.root=warn");
    }

    @AfterAll
    void stop() throws Exception {
        for (ReplicaProcess r : replicas) {
            r.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (cincopa != null) {
            cincopa.close();
        }
    }

    @Test
    void killingThePollingReplicaLosesNoChange() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(URI.create(replicas.get(1).baseUrl() + "/v1/events?connections=cincopa-events"))
                        .header("Authorization", "Bearer events-key")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            lines.add(line);
                        }
                    } catch (Exception closed) {
                        // the test ended the stream
                    }
                },
                "sse-reader");
        reader.setDaemon(true);
        reader.start();

        List<String> rids = cincopa.assetsOfType("video").stream()
                .map(a -> (String) a.get("rid"))
                .toList();
        for (int i = 1; i <= 8; i++) {
            if (i == 5) {
                replicas.get(0).kill(); // kill -9 of the lease holder, mid-stream
            }
            changeAtTheVendor(rids.get(i % rids.size()), "chaos-" + i);
            Chaos.sleep(900); // longer than a poll round, so no two changes fold into one
        }
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < until && titles(lines).size() < 8) {
            Chaos.sleep(200);
        }
        // every change arrives exactly once, in the order it was made at the vendor: those found in one poll round
        // (the survivor's first, after the lease lapsed) are reported in the vendor's updated_at order
        assertThat(titles(lines))
                .as("every change made at the vendor, in order; events seen: %s", lines)
                .containsExactly(
                        "chaos-1", "chaos-2", "chaos-3", "chaos-4", "chaos-5", "chaos-6", "chaos-7", "chaos-8");
        List<String> ids = lines.stream().filter(l -> l.startsWith("id:")).toList();
        assertThat(ids).as("no event id twice").doesNotHaveDuplicates();
    }

    /** A title change made in the vendor's own API, as an editor in Cincopa's UI would. */
    private void changeAtTheVendor(String rid, String title) throws Exception {
        String url = cincopa.baseUrl() + "/asset.set_meta.json?api_token=" + CincopaSimulator.DEMO_TOKEN + "&rid=" + rid
                + "&caption=" + URLEncoder.encode(title, StandardCharsets.UTF_8);
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"success\":true");
    }

    private static List<String> titles(List<String> lines) {
        List<String> titles = new ArrayList<>();
        for (String line : lines) {
            Matcher m = EVENT.matcher(line);
            if (line.startsWith("data:") && m.find()) {
                titles.add(m.group(1));
            }
        }
        return titles;
    }
}
