package io.mediagate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.kit.FakeVideoProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Change events end to end: what a service listening on {@code GET /v1/events} sees. */
class EventsIT extends EventsTestSupport {
    private static final Duration POLL = Duration.ofMillis(100);

    private void patch(String connection, String id, String body) {
        web.patch()
                .uri("/v1/connections/" + connection + "/videos/" + id)
                .header("Authorization", FULL)
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** Waits until the poller has listed the catalogue twice since the vendor's reset: its baseline is current. */
    private void awaitBaseline() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (eventsVendor.calls() < 2 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(eventsVendor.calls()).as("poll rounds since reset").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aChangeMadeDirectlyAtTheVendorArrivesWithinThePollInterval() throws Exception {
        awaitBaseline();
        String title = "edited in the vendor's UI " + UUID.randomUUID();
        try (EventStream events = stream("?connections=fake-events", null)) {
            long changedAt = System.nanoTime();
            // straight to the vendor, not through the gateway
            FakeVideoProvider.allCapabilities("fake-events", eventsVendor, "fake-token")
                    .updateVideo("fake00000004", new VideoPatch(title, null, null, null))
                    .block();
            EventStream.Received r = events.next(e -> title.equals(e.video().get("title")), Duration.ofSeconds(5));
            long tookMillis = (r.arrivedNanos() - changedAt) / 1_000_000;
            System.out.println(
                    "poller: direct change arrived after " + tookMillis + " ms (interval " + POLL.toMillis() + " ms)");
            assertThat(r.event()).isEqualTo("video.updated");
            assertThat(r.data())
                    .containsEntry("type", "video.updated")
                    .containsEntry("connection", "fake-events")
                    .containsEntry("id", r.id())
                    .containsKey("time");
            assertThat(r.video()).containsEntry("id", "fake00000004").doesNotContainKey("raw");
            assertThat((List<String>) r.data().get("changed")).contains("title").doesNotContain("description", "tags");
        }
    }

    @Test
    void aDeletionAtTheVendorArrivesAsVideoDeleted() throws Exception {
        awaitBaseline();
        try (EventStream events = stream("?connections=fake-events", null)) {
            FakeVideoProvider.allCapabilities("fake-events", eventsVendor, "fake-token")
                    .deleteVideo("fake00000006")
                    .block();
            EventStream.Received r = events.next(
                    e -> "video.deleted".equals(e.event())
                            && "fake00000006".equals(e.video().get("id")),
                    Duration.ofSeconds(5));
            assertThat(r.video()).containsEntry("title", "Fake video 6");
        }
    }

    @Test
    void aPatchThroughTheGatewayArrivesAtOnceWithTheChangedMembers() throws Exception {
        String title = "patched " + UUID.randomUUID();
        try (EventStream events = stream("?connections=fake-main", null)) {
            int before = vendor.calls();
            patch("fake-main", "fake00000002", "{\"title\":\"" + title + "\"}");
            // fake-main is not polled: the event can only come from the PATCH itself
            EventStream.Received r = events.next(e -> title.equals(e.video().get("title")), Duration.ofSeconds(5));
            assertThat(r.event()).isEqualTo("video.updated");
            assertThat((List<String>) r.data().get("changed")).containsExactly("title");
            assertThat(vendor.calls() - before)
                    .as("vendor calls: the PATCH only")
                    .isEqualTo(1);
        }
    }

    @Test
    void aDeleteThroughTheGatewayArrivesAsVideoDeleted() throws Exception {
        try (EventStream events = stream("?connections=fake-main", null)) {
            web.delete()
                    .uri("/v1/connections/fake-main/videos/fake00000005")
                    .header("Authorization", FULL)
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            EventStream.Received r = events.next(
                    e -> "video.deleted".equals(e.event())
                            && "fake00000005".equals(e.video().get("id")),
                    Duration.ofSeconds(5));
            assertThat(r.data()).containsEntry("connection", "fake-main");
        }
    }

    @Test
    void anIngestStartedThroughTheGatewayArrivesAsIngestReady() throws Exception {
        String title = "ingested " + UUID.randomUUID();
        Map<?, ?> started = web.post()
                .uri("/v1/connections/fake-main/ingests")
                .header("Authorization", FULL)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"source_url\":\"https://media.example.com/a.mp4\",\"title\":\"" + title + "\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        try (EventStream events = stream("?connections=fake-main", null)) {
            EventStream.Received r = events.next(
                    e -> "ingest.ready".equals(e.event())
                            && started.get("id").equals(e.video().get("id")),
                    Duration.ofSeconds(5));
            assertThat(r.video()).containsEntry("status", "ready").containsEntry("video_id", started.get("video_id"));
        }
    }

    @Test
    void lastEventIdResumesAfterThatEvent() throws Exception {
        String first = "first " + UUID.randomUUID();
        String second = "second " + UUID.randomUUID();
        String firstId;
        try (EventStream events = stream("?connections=fake-main", null)) {
            patch("fake-main", "fake00000003", "{\"title\":\"" + first + "\"}");
            firstId = events.next(e -> first.equals(e.video().get("title")), Duration.ofSeconds(5))
                    .id();
        }
        patch("fake-main", "fake00000003", "{\"title\":\"" + second + "\"}");
        try (EventStream resumed = stream("?connections=fake-main", firstId)) {
            EventStream.Received next = resumed.next(e -> true, Duration.ofSeconds(5));
            assertThat(Long.parseLong(next.id())).isGreaterThan(Long.parseLong(firstId));
            assertThat(next.video()).containsEntry("title", second);
        }
    }

    @Test
    void onlyClientsWithEventsReadAndOnlyTheirConnections() {
        web.get()
                .uri("/v1/events")
                .header("Authorization", READER)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/missing-scope")
                .jsonPath("$.scope")
                .isEqualTo("events:read");
        web.get()
                .uri("/v1/events?connections=fake-quota")
                .header("Authorization", EVENTS)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/connection-not-allowed");
        web.get()
                .uri("/v1/events?connections=nope")
                .header("Authorization", EVENTS)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void theStreamShowsNoEventOfAConnectionTheClientMayNotUse() throws Exception {
        String title = "not yours " + UUID.randomUUID();
        String mine = "yours " + UUID.randomUUID();
        try (EventStream events = stream("", null)) {
            patch("fake-cache", "fake00000001", "{\"title\":\"" + title + "\"}");
            patch("fake-main", "fake00000001", "{\"title\":\"" + mine + "\"}");
            events.next(e -> mine.equals(e.video().get("title")), Duration.ofSeconds(5));
            assertThat(events.drain())
                    .noneMatch(e -> "fake-cache".equals(e.data().get("connection")));
        }
    }

    @Test
    void aMalformedLastEventIdIsA400ProblemAtTheSocket() throws IOException {
        String response = raw("GET /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: " + EVENTS
                + "\r\nAccept: text/event-stream\r\nLast-Event-ID: 12; DROP\r\nConnection: close\r\n\r\n");
        assertThat(response)
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json")
                .contains("\"field\":\"Last-Event-ID\"");
    }

    String raw(String request) throws IOException {
        return rawTo(port, request);
    }

    /** One request on a plain socket; the whole answer (the gateway closes after it). */
    String rawTo(int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
