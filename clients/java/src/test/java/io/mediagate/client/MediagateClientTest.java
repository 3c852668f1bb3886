package io.mediagate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediagate.client.generated.model.IngestRequest;
import io.mediagate.client.generated.model.UploadRequest;
import io.mediagate.client.generated.model.Video;
import io.mediagate.client.generated.model.VideoPatch;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hand-written layer against a scripted server: what goes over the wire and what the caller gets back. */
class MediagateClientTest {
    private static final String VIDEO = "{\"id\":\"v1\",\"connection\":\"c\",\"vendor\":\"cincopa\",\"title\":\"T\","
            + "\"status\":\"ready\",\"tags\":[\"a\"],\"metadata\":{\"k\":\"v\"},\"playback\":{}}";

    private final StubGateway gateway = new StubGateway();
    private final List<Duration> waits = new ArrayList<>();
    private final MediagateClient client = MediagateClient.builder()
            .baseUrl(gateway.url() + "/")
            .apiKey("k-1")
            .maxRetries(3)
            .maxRetryWait(Duration.ofSeconds(5))
            .sleeper(waits::add)
            .build();

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void retriesReadsOn429And503WaitingWhatRetryAfterSays() {
        gateway.problem(503, "circuit-open", true, "Retry-After", "2")
                .problem(429, "quota-exhausted", true, "Retry-After", "1")
                .json(200, VIDEO);
        Video v = client.getVideo("c", "v1");
        assertThat(v.getTitle()).isEqualTo("T");
        assertThat(gateway.received).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(gateway.received.get(0).header("Authorization")).isEqualTo("Bearer k-1");
        assertThat(gateway.received.get(0).uri()).isEqualTo("/v1/connections/c/videos/v1");
    }

    @Test
    void backsOffExponentiallyWithoutRetryAfterAndGivesUpAfterMaxRetries() {
        for (int i = 0; i < 4; i++) {
            gateway.problem(503, "vendor-unavailable", true);
        }
        assertThatThrownBy(() -> client.connections())
                .isInstanceOfSatisfying(
                        MediagateProblemException.class,
                        p -> assertThat(p.slug()).isEqualTo("vendor-unavailable"));
        assertThat(gateway.received).hasSize(4);
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @Test
    void neverWaitsLongerThanConfiguredAndNeverRepeatsAPatch() {
        gateway.problem(429, "client-rate-limited", true, "Retry-After", "60");
        assertThatThrownBy(() -> client.getVideo("c", "v1"))
                .isInstanceOfSatisfying(MediagateProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(429);
                    assertThat(p.retryable()).isTrue();
                    assertThat(p.retryAfter()).contains(Duration.ofSeconds(60));
                });
        gateway.problem(503, "vendor-unavailable", true, "Retry-After", "1");
        assertThatThrownBy(() -> client.patchVideo("c", "v1", new VideoPatch().title("x")))
                .isInstanceOf(MediagateProblemException.class);
        assertThat(gateway.received).hasSize(2);
        assertThat(waits).isEmpty();
    }

    @Test
    void problemsAreTypedWithEveryMember() {
        gateway.problem(501, "unsupported-capability", false);
        assertThatThrownBy(() -> client.deleteVideo("c", "v1"))
                .isInstanceOfSatisfying(MediagateProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo("https://mediagate.dev/problems/unsupported-capability");
                    assertThat(p.status()).isEqualTo(501);
                    assertThat(p.retryable()).isFalse();
                    assertThat(p.retryAfter()).isEmpty();
                    assertThat(p.problem().getCapability()).isEqualTo("tags");
                });
        gateway.answer(502, "text/html", "<html>bad gateway</html>");
        assertThatThrownBy(() -> client.deleteVideo("c", "v1"))
                .isInstanceOfSatisfying(
                        MediagateProblemException.class,
                        p -> assertThat(p.status()).isEqualTo(502));
    }

    @Test
    void everyPostCarriesAnIdempotencyKeyAndAnIngestRetryRepeatsTheSameOne() {
        String ingest = "{\"id\":\"i1\",\"connection\":\"c\",\"status\":\"pending\"}";
        gateway.problem(503, "connection-busy", true, "Retry-After", "1").json(202, ingest);
        client.createIngest("c", new IngestRequest().sourceUrl(URI.create("https://media.example.com/a.mp4")));
        String first = gateway.received.get(0).header("Idempotency-Key");
        assertThat(first).isNotBlank();
        assertThat(gateway.received.get(1).header("Idempotency-Key")).isEqualTo(first);
        assertThat(gateway.received.get(0).body()).isEqualTo("{\"source_url\":\"https://media.example.com/a.mp4\"}");

        gateway.json(201, "{\"upload_url\":\"https://u\",\"method\":\"PUT\",\"headers\":{}}");
        client.createUpload("c", new UploadRequest().filename("a.mp4").sizeBytes(5L * 1024 * 1024 * 1024));
        StubGateway.Received upload = gateway.received.get(2);
        assertThat(upload.header("Idempotency-Key")).isNotBlank().isNotEqualTo(first);
        assertThat(upload.body()).contains("\"size_bytes\":5368709120");
    }

    @Test
    void aMergePatchSendsOnlyWhatWasSet() {
        gateway.json(200, VIDEO).json(200, VIDEO).json(200, VIDEO);
        client.patchVideo("c", "v1", new VideoPatch().title("Only the title"));
        client.patchVideo("c", "v1", new VideoPatch().description(null).tags(null));
        Map<String, String> meta = new HashMap<>();
        meta.put("gone", null);
        meta.put("owner", "web");
        client.patchVideo("c", "v1", new VideoPatch().metadata(meta));
        assertThat(gateway.received.get(0).body()).isEqualTo("{\"title\":\"Only the title\"}");
        assertThat(gateway.received.get(1).body()).isEqualTo("{\"description\":null,\"tags\":null}");
        assertThat(gateway.received.get(2).body())
                .contains("\"gone\":null")
                .contains("\"owner\":\"web\"")
                .doesNotContain("title")
                .doesNotContain("tags");
    }

    @Test
    void notModifiedIsAResult() {
        gateway.json(200, VIDEO, "ETag", "\"e1\"").answer(304, null, null, "ETag", "\"e1\"");
        Conditional<Video> first = client.getVideo("c", "v1", "\"e0\"");
        assertThat(first.notModified()).isFalse();
        assertThat(first.etag()).isEqualTo("\"e1\"");
        assertThat(first.current()).map(Video::getId).contains("v1");
        Conditional<Video> again = client.getVideo("c", "v1", first.etag());
        assertThat(again.notModified()).isTrue();
        assertThat(again.current()).isEmpty();
        assertThat(gateway.received.get(1).header("If-None-Match")).isEqualTo("\"e1\"");
    }

    @Test
    void pagesFollowCursorsThroughEmptyPagesToTheEnd() {
        gateway.json(200, "{\"data\":[" + VIDEO + "," + VIDEO.replace("v1", "v2") + "],\"next_cursor\":\"p2\"}")
                .json(200, "{\"data\":[],\"next_cursor\":\"p3\"}")
                .json(200, "{\"data\":[" + VIDEO.replace("v1", "v3") + "]}");
        List<String> ids =
                client.videos("c", null, "a").stream().map(Video::getId).toList();
        assertThat(ids).containsExactly("v1", "v2", "v3");
        assertThat(gateway.received)
                .extracting(StubGateway.Received::uri)
                .containsExactly(
                        "/v1/connections/c/videos?limit=100&tag=a",
                        "/v1/connections/c/videos?limit=100&cursor=p2&tag=a",
                        "/v1/connections/c/videos?limit=100&cursor=p3&tag=a");
    }

    @Test
    void rawCallsSendThePathTheWayGeneratedClientsDo() {
        gateway.answer(200, "text/plain", "vendor says hi");
        RawResponse r = client.raw("GET", "c", "api/item/view", "a=1", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("vendor says hi");
        assertThat(gateway.received.get(0).uri()).isEqualTo("/v1/connections/c/raw/api%2Fitem%2Fview?a=1");
        gateway.problem(403, "missing-scope", false);
        assertThatThrownBy(() -> client.raw("GET", "c", "x", null, null, null))
                .isInstanceOfSatisfying(
                        MediagateProblemException.class,
                        p -> assertThat(p.status()).isEqualTo(403));
    }

    @Test
    void builderRefusesWhatCannotWork() {
        assertThatThrownBy(() -> MediagateClient.builder().baseUrl("mediagate:8080"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediagateClient.builder().apiKey(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediagateClient.builder().baseUrl("http://x").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MediagateClient.builder().requestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
