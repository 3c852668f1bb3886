package io.mediagate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** {@code Last-Event-ID} resumes over a bounded retention: what fell out of it is gone, the rest is replayed. */
@TestPropertySource(properties = "mediagate.events.retention=3")
class EventRetentionIT extends EventsTestSupport {

    @Test
    void aResumeOlderThanTheRetentionGetsOnlyTheKeptEvents() throws Exception {
        List<String> titles = new ArrayList<>();
        String firstId;
        try (EventStream events = stream("?connections=fake-main", null)) {
            for (int i = 0; i < 5; i++) {
                String title = "retained " + i + " " + UUID.randomUUID();
                titles.add(title);
                web.patch()
                        .uri("/v1/connections/fake-main/videos/fake00000004")
                        .header("Authorization", FULL)
                        .contentType(MediaType.valueOf("application/merge-patch+json"))
                        .bodyValue("{\"title\":\"" + title + "\"}")
                        .exchange()
                        .expectStatus()
                        .isOk();
            }
            firstId = events.next(e -> titles.get(0).equals(e.video().get("title")), Duration.ofSeconds(5))
                    .id();
            events.next(e -> titles.get(4).equals(e.video().get("title")), Duration.ofSeconds(5));
        }
        try (EventStream resumed = stream("?connections=fake-main", firstId)) {
            List<Object> replayed = new ArrayList<>();
            resumed.next(
                    e -> {
                        replayed.add(e.video().get("title"));
                        return titles.get(4).equals(e.video().get("title"));
                    },
                    Duration.ofSeconds(5));
            // the log keeps 3 events of all connections, so other connections' events may take some of them
            assertThat(replayed)
                    .as("a retention of 3: at most the newest three are replayed, the older ones are gone")
                    .doesNotContain(titles.get(0), titles.get(1))
                    .isSubsetOf(titles.subList(2, 5))
                    .endsWith(titles.get(4));
        }
    }
}
