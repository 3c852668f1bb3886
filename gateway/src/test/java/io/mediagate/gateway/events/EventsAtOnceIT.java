package io.mediagate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.kit.FakeVendor;
import io.mediagate.contracts.kit.FakeVideoProvider;
import io.mediagate.gateway.GatewayTestSupport;
import io.mediagate.sandbox.cincopa.CincopaSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Changes the gateway takes part in arrive at once although the poller lists only once an hour: raw passthrough
 * writes (which nudge the poller, within its share), ingests (video and outcome), and the order of what one round
 * finds. The connections are a Cincopa simulator (documented mode) and a fake vendor; a subscription set in
 * configuration receives deliveries too.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mediagate.clients[0].id=events",
            "mediagate.clients[0].key-sha256=8fb7db2dd87bff09526f4e6b7bfcd42be0cffbd5e22427159d171cba6edfa2ac",
            "mediagate.clients[0].scopes=events:read,videos:read,videos:write,raw,admin",
            "mediagate.clients[0].connections=*",
            "mediagate.events.poll.interval=1h",
            "mediagate.events.poll.connections=cincopa-events,cincopa-share,fake-slowpoll",
            "mediagate.events.ingests.follow=true",
            "mediagate.events.ingests.first-delay=1500ms",
            "mediagate.events.ingests.max-delay=2s",
            "mediagate.events.webhooks.allowed-hosts=127.0.0.1",
            "mediagate.connections.fake-slowpoll.vendor=fake",
            "mediagate.connections.fake-slowpoll.base-url=http://fake.invalid/api",
            "mediagate.connections.fake-slowpoll.credentials.token=fake-token",
            "mediagate.connections.fake-slowpoll.options.instance=gw-fake-slowpoll",
            "mediagate.connections.fake-slowpoll.cache.enabled=false",
            // the share test's connection: 40 calls per 2 s, the poller's 5% of it is 2 calls per 2 s
            "mediagate.connections.cincopa-share.quota.limit=40",
            "mediagate.connections.cincopa-share.quota.period=2s",
            "mediagate.events.poll.share=0.05",
            "mediagate.events.vendor-hooks.tokens.cincopa-events=" + EventsAtOnceIT.VENDOR_HOOK_TOKEN,
        })
class EventsAtOnceIT extends GatewayTestSupport {
    private static final String EVENTS = "Bearer events-key";
    static final String VENDOR_HOOK_TOKEN = "hook-token-of-cincopa-events-0123";
    private static final CincopaSimulator CINCOPA = new CincopaSimulator(0);
    /** The share test's own account, so its rounds never show in the other tests' counts. */
    private static final CincopaSimulator SHARE_SIM = new CincopaSimulator(0);

    private static final FakeVendor SLOWPOLL = FakeVendor.named("gw-fake-slowpoll");
    private static final String HOOK_SECRET = "whsec_"
            + Base64.getEncoder()
                    .encodeToString("configured-subscription-key-32by".getBytes(StandardCharsets.US_ASCII));
    private static final List<Map.Entry<Map<String, List<String>>, String>> HOOKS = new CopyOnWriteArrayList<>();
    private static final HttpServer RECEIVER = receiver();

    @LocalServerPort
    int port;

    @Autowired
    CataloguePoller poller;

    private static HttpServer receiver() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/configured", exchange -> {
                HOOKS.add(Map.entry(
                        Map.copyOf(exchange.getRequestHeaders()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void connections(DynamicPropertyRegistry registry) {
        for (CincopaSimulator sim : List.of(CINCOPA, SHARE_SIM)) {
            String prefix = "mediagate.connections." + (sim == CINCOPA ? "cincopa-events" : "cincopa-share") + ".";
            registry.add(prefix + "vendor", () -> "cincopa");
            registry.add(prefix + "base-url", sim::baseUrl);
            registry.add(prefix + "credentials.api-token", () -> CincopaSimulator.DEMO_TOKEN);
            registry.add(prefix + "cache.enabled", () -> "false");
        }
        registry.add("mediagate.events.subscriptions[0].id", () -> "from-config");
        registry.add(
                "mediagate.events.subscriptions[0].url",
                () -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/configured");
        registry.add("mediagate.events.subscriptions[0].secret", () -> HOOK_SECRET);
        registry.add("mediagate.events.subscriptions[0].connections[0]", () -> "cincopa-events");
        registry.add("mediagate.events.subscriptions[0].types[0]", () -> "video.updated");
    }

    @AfterAll
    static void stopServers() {
        CINCOPA.close();
        SHARE_SIM.close();
        RECEIVER.stop(0);
    }

    private EventStream stream(String connection) {
        return EventStream.open(port, "?connections=" + connection, EVENTS, null);
    }

    private void awaitBaseline(String connection) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!poller.hasBaseline(connection) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(poller.hasBaseline(connection))
                .as("the poller's first round at start")
                .isTrue();
    }

    /** The poller's listings at the simulator (a listing without {@code rid}; a lookup of one video has it). */
    private static long catalogueListings() {
        return catalogueListings(CINCOPA);
    }

    private static long catalogueListings(CincopaSimulator sim) {
        return sim.requests().stream()
                .map(LoggedRequest::getUrl)
                .filter(u -> u.startsWith("/v2/asset.list.json") && !u.contains("rid="))
                .count();
    }

    private static String rid(int index) {
        return (String) CINCOPA.assetsOfType("video").get(index).get("rid");
    }

    private void rawSetCaption(String connection, String rid, String caption) {
        web.post()
                .uri("/v1/connections/" + connection + "/raw/asset.set_meta.json?rid=" + rid + "&caption="
                        + URLEncoder.encode(caption, StandardCharsets.UTF_8))
                .header("Authorization", EVENTS)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.success")
                .isEqualTo(true);
    }

    @Test
    void aRawWriteTheVendorAcceptedArrivesAtOnceThoughThePollerListsHourly() throws Exception {
        awaitBaseline("cincopa-events");
        String rid = rid(2);
        String caption = "raw write " + UUID.randomUUID();
        try (EventStream events = stream("cincopa-events")) {
            long before = catalogueListings();
            long wroteAt = System.nanoTime();
            rawSetCaption("cincopa-events", rid, caption);
            EventStream.Received r = events.next(e -> caption.equals(e.video().get("title")), Duration.ofSeconds(5));
            System.out.println("raw write: video.updated after " + (r.arrivedNanos() - wroteAt) / 1_000_000
                    + " ms (poll interval 1 h)");
            assertThat(r.event()).isEqualTo("video.updated");
            assertThat(r.video()).containsEntry("id", rid);
            assertThat((List<String>) r.data().get("changed")).contains("title");
            assertThat(catalogueListings() - before)
                    .as("one nudged round, one page")
                    .isEqualTo(1);

            // a raw read changes nothing: it nudges no round
            web.get()
                    .uri("/v1/connections/cincopa-events/raw/asset.list.json?items_per_page=2")
                    .header("Authorization", EVENTS)
                    .exchange()
                    .expectStatus()
                    .isOk();
            long afterRead = catalogueListings();
            Thread.sleep(500);
            assertThat(catalogueListings())
                    .as("listings after a raw read: the client's own only")
                    .isEqualTo(afterRead);
        }
    }

    @Test
    void nudgesKeepToThePollersShare() throws Exception {
        awaitBaseline("cincopa-share");
        assertThat(poller.allowance("cincopa-share")).isEqualTo(2);
        String rid = (String) SHARE_SIM.assetsOfType("video").get(3).get("rid");
        String last = null;
        try (EventStream events = stream("cincopa-share")) {
            long before = catalogueListings(SHARE_SIM);
            long start = System.nanoTime();
            // 12 writes 150 ms apart: each would be a round of its own if the share did not hold them back
            for (int i = 0; i < 12; i++) {
                last = "spaced " + i + " " + UUID.randomUUID();
                rawSetCaption("cincopa-share", rid, last);
                Thread.sleep(150);
            }
            // the last write is seen, once the share has a call again (at most one 2 s window later)
            String lastCaption = last;
            events.next(e -> lastCaption.equals(e.video().get("title")), Duration.ofSeconds(8));
            long millis = (System.nanoTime() - start) / 1_000_000;
            long rounds = catalogueListings(SHARE_SIM) - before;
            System.out.println(
                    "12 raw writes 150 ms apart: " + rounds + " poll rounds in " + millis + " ms, allowance 2 per 2 s");
            // the clients made no listing here (raw writes only): every listing is the poller's, one page each
            assertThat(rounds)
                    .as("poller listings")
                    .isGreaterThanOrEqualTo(1)
                    .isLessThanOrEqualTo(2 * (millis / 2000 + 2));
        }
    }

    @Test
    void changesFoundInOneRoundArriveInTheVendorsUpdatedAtOrder() throws Exception {
        awaitBaseline("fake-slowpoll");
        FakeVideoProvider direct = FakeVideoProvider.allCapabilities("fake-slowpoll", SLOWPOLL, "fake-token");
        String marker = UUID.randomUUID().toString();
        try (EventStream events = stream("fake-slowpoll")) {
            // the fake lists newest-created first: fake00000001 last, fake00000007 first; edited in that order
            direct.updateVideo("fake00000001", new VideoPatch("first " + marker, null, null, null))
                    .block();
            Thread.sleep(5);
            direct.updateVideo("fake00000007", new VideoPatch("second " + marker, null, null, null))
                    .block();
            poller.nudge("fake-slowpoll");
            EventStream.Received first =
                    events.next(e -> String.valueOf(e.video().get("title")).endsWith(marker), Duration.ofSeconds(5));
            EventStream.Received second =
                    events.next(e -> String.valueOf(e.video().get("title")).endsWith(marker), Duration.ofSeconds(5));
            assertThat(first.video()).containsEntry("id", "fake00000001");
            assertThat(second.video()).containsEntry("id", "fake00000007");
            assertThat(Long.parseLong(second.id())).isGreaterThan(Long.parseLong(first.id()));
        }
    }

    @Test
    void anIngestWhoseVideoTheVendorNamesAtOnceIsVideoCreatedBeforeItsOutcome() throws Exception {
        awaitBaseline("fake-slowpoll");
        String title = "ingested " + UUID.randomUUID();
        try (EventStream events = stream("fake-slowpoll")) {
            int callsBefore = SLOWPOLL.calls();
            Map<?, ?> started = web.post()
                    .uri("/v1/connections/fake-slowpoll/ingests")
                    .header("Authorization", EVENTS)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"source_url\":\"https://media.example.com/a.mp4\",\"title\":\"" + title + "\"}")
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            String videoId = (String) started.get("video_id");
            assertThat(videoId).as("the fake names the video at once").isNotNull();
            EventStream.Received created =
                    events.next(e -> videoId.equals(e.video().get("id")), Duration.ofSeconds(5));
            assertThat(created.event()).isEqualTo("video.created");
            assertThat(created.video()).containsEntry("title", title);
            EventStream.Received ready = events.next(e -> "ingest.ready".equals(e.event()), Duration.ofSeconds(8));
            assertThat(ready.video()).containsEntry("id", started.get("id")).containsEntry("video_id", videoId);
            // at once: before the follower's first status check (1.5 s after the start)
            List<Long> calls = SLOWPOLL.callTimes().subList(callsBefore, SLOWPOLL.calls());
            assertThat(created.arrivedNanos())
                    .as("video.created before the first status check")
                    .isLessThan(calls.get(2));
            assertThat(events.drain()).noneMatch(e -> videoId.equals(e.video().get("id")));
            awaitNoRepeatAfterARound(events, "fake-slowpoll", videoId, SLOWPOLL::calls);
        }
    }

    @Test
    void anIngestWhoseVideoComesWithReadyIsVideoCreatedThenIngestReadyAndThePollerKnowsIt() throws Exception {
        awaitBaseline("cincopa-events");
        try (EventStream events = stream("cincopa-events")) {
            Map<?, ?> started = web.post()
                    .uri("/v1/connections/cincopa-events/ingests")
                    .header("Authorization", EVENTS)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"source_url\":\"https://media.example.com/new-film.mp4\"}")
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(started.get("video_id"))
                    .as("Cincopa names the video only when the import is done")
                    .isNull();
            EventStream.Received created = events.next(e -> "video.created".equals(e.event()), Duration.ofSeconds(10));
            EventStream.Received ready = events.next(e -> "ingest.ready".equals(e.event()), Duration.ofSeconds(5));
            String videoId = (String) ready.video().get("video_id");
            assertThat(created.video()).containsEntry("id", videoId);
            assertThat(Long.parseLong(ready.id())).isGreaterThan(Long.parseLong(created.id()));
            awaitNoRepeatAfterARound(events, "cincopa-events", videoId, () -> (int) catalogueListings());
        }
    }

    /** Nudges a round, waits until it listed, and checks it reported nothing more of {@code videoId}. */
    private void awaitNoRepeatAfterARound(EventStream events, String connection, String videoId, IntSupplier listings)
            throws InterruptedException {
        int before = listings.getAsInt();
        poller.nudge(connection);
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (listings.getAsInt() == before && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(listings.getAsInt()).as("the nudged round listed").isGreaterThan(before);
        Thread.sleep(300);
        assertThat(events.drain())
                .as("the next round knows the video")
                .noneMatch(e -> e.video() != null && videoId.equals(e.video().get("id")));
    }

    @Test
    void aSubscriptionSetInConfigurationGetsSignedDeliveriesAndCannotBeDeletedThroughTheApi() throws Exception {
        awaitBaseline("cincopa-events");
        String caption = "configured delivery " + UUID.randomUUID();
        rawSetCaption("cincopa-events", rid(4), caption);
        long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (HOOKS.stream().noneMatch(h -> h.getValue().contains(caption)) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        Map.Entry<Map<String, List<String>>, String> hook = HOOKS.stream()
                .filter(h -> h.getValue().contains(caption))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no delivery to the configured subscription"));
        new Webhook(HOOK_SECRET).verify(hook.getValue(), hook.getKey());
        assertThat(hook.getValue()).contains("\"type\":\"video.updated\"");
        web.get()
                .uri("/v1/subscriptions/from-config")
                .header("Authorization", EVENTS)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.from_config")
                .isEqualTo(true)
                .jsonPath("$.secret")
                .doesNotExist()
                .jsonPath("$.deliveries.delivered")
                .value(n -> assertThat(((Number) n).intValue()).isPositive());
        web.delete()
                .uri("/v1/subscriptions/from-config")
                .header("Authorization", EVENTS)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/subscription-configured");
    }

    @Test
    void aVendorWebhookIsAWakeUpCallThePollerAnswersAtOnce() throws Exception {
        awaitBaseline("cincopa-events");
        String rid = rid(3);
        String caption = "edited in Cincopa's own UI " + UUID.randomUUID();
        try (EventStream events = stream("cincopa-events")) {
            // straight at the vendor, as its own UI would: the gateway sees nothing of it
            HttpClient direct = HttpClient.newHttpClient();
            HttpResponse<String> edited = direct.send(
                    HttpRequest.newBuilder(URI.create(CINCOPA.baseUrl() + "/asset.set_meta.json?api_token="
                                    + CincopaSimulator.DEMO_TOKEN + "&rid=" + rid + "&caption="
                                    + URLEncoder.encode(caption, StandardCharsets.UTF_8)))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(edited.body()).contains("\"success\":true");
            long before = catalogueListings();

            // a wrong token is a 404 problem and polls nothing
            String wrong = rawHttp("POST /hooks/cincopa-events/not-the-token-of-this-hook-00 HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertThat(wrong).startsWith("HTTP/1.1 404").contains("application/problem+json");
            Thread.sleep(300);
            assertThat(catalogueListings()).as("listings after a forged hook").isEqualTo(before);

            // Cincopa's delivery, whatever its body: the poller lists at once and finds the change
            String delivered = rawHttp("POST /hooks/cincopa-events/" + VENDOR_HOOK_TOKEN + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 25\r\nConnection: close\r\n\r\n"
                    + "{\"event\":\"asset.updated\"}");
            assertThat(delivered).startsWith("HTTP/1.1 202");
            EventStream.Received r = events.next(e -> caption.equals(e.video().get("title")), Duration.ofSeconds(5));
            assertThat(r.event()).isEqualTo("video.updated");
            assertThat(catalogueListings() - before)
                    .as("one round for the hook")
                    .isEqualTo(1);
        }
    }

    private String rawHttp(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
