package io.mediagate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * README's change-events demo, as written: in demo mode, an event stream on {@code cincopa-demo} in one terminal,
 * a {@code PATCH} and a raw passthrough write in another, and each appears at once (the demo polls every 15 s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("demo")
class EventsDemoIT {
    private static final String DEMO = "Bearer demo-key";

    @Autowired
    WebTestClient web;

    @Autowired
    CataloguePoller poller;

    @LocalServerPort
    int port;

    @Test
    void aPatchAndARawWriteInOneTerminalAppearAtOnceOnTheStreamInTheOther() throws Exception {
        Map<?, ?> page = web.get()
                .uri("/v1/connections/cincopa-demo/videos")
                .header("Authorization", DEMO)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String id = (String) ((Map<?, ?>) ((List<?>) page.get("data")).get(0)).get("id");
        // the poller's first round, at start-up, is its baseline: a raw write before it would only be in it
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!poller.hasBaseline("cincopa-demo") && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(poller.hasBaseline("cincopa-demo"))
                .as("baseline of cincopa-demo")
                .isTrue();
        String renamed = "Renamed " + UUID.randomUUID();
        String again = "Renamed-again-" + UUID.randomUUID();
        try (EventStream events = EventStream.open(port, "?connections=cincopa-demo", DEMO, null)) {
            web.patch()
                    .uri("/v1/connections/cincopa-demo/videos/" + id)
                    .header("Authorization", DEMO)
                    .contentType(MediaType.valueOf("application/merge-patch+json"))
                    .bodyValue("{\"title\":\"" + renamed + "\"}")
                    .exchange()
                    .expectStatus()
                    .isOk();
            EventStream.Received patched =
                    events.next(e -> renamed.equals(e.video().get("title")), Duration.ofSeconds(5));
            assertThat(patched.event()).isEqualTo("video.updated");
            assertThat((List<String>) patched.data().get("changed"))
                    .contains("title")
                    .doesNotContain("description");

            web.post()
                    .uri("/v1/connections/cincopa-demo/raw/asset.set_meta.json?rid=" + id + "&caption=" + again)
                    .header("Authorization", DEMO)
                    .exchange()
                    .expectStatus()
                    .isOk();
            EventStream.Received raw = events.next(e -> again.equals(e.video().get("title")), Duration.ofSeconds(5));
            assertThat(raw.event()).isEqualTo("video.updated");
            assertThat(raw.video()).containsEntry("id", id);
        }
    }
}
