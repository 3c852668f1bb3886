package io.mediagate.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.GatewayTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/** The v1 API end to end over HTTP, against the fake vendor: what a calling service sees. */
class VideoApiIT extends GatewayTestSupport {
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @SuppressWarnings("unchecked")
    private Map<String, Object> getJson(String path) {
        return web.get()
                .uri(path)
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    @Test
    @SuppressWarnings("unchecked")
    void pagesThroughEveryVideoWithOpaqueCursors() {
        List<String> ids = new ArrayList<>();
        String path = "/v1/connections/fake-main/videos?limit=3";
        for (int i = 0; i < 10 && path != null; i++) {
            Map<String, Object> page = getJson(path);
            List<Map<String, Object>> data = (List<Map<String, Object>>) page.get("data");
            data.forEach(v -> ids.add((String) v.get("id")));
            String next = (String) page.get("next_cursor");
            path = next == null ? null : "/v1/connections/fake-main/videos?limit=3&cursor=" + next;
        }
        assertThat(ids).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    @SuppressWarnings("unchecked")
    void videoIsSnakeCaseWithLowerCaseStatusAndNoRawByDefault() {
        Map<String, Object> video = getJson("/v1/connections/fake-main/videos/fake00000001");
        assertThat(video)
                .containsEntry("id", "fake00000001")
                .containsEntry("connection", "fake-main")
                .containsEntry("vendor", "fake")
                .containsEntry("status", "ready")
                .containsKeys("duration_seconds", "created_at", "thumbnail_url", "playback")
                .doesNotContainKey("raw");
        assertThat((String) video.get("created_at")).isEqualTo("2026-01-01T11:00:00Z");
        assertThat((Map<String, Object>) video.get("playback")).containsKey("embed_url");
        assertThat(getJson("/v1/connections/fake-main/videos/fake00000001?include=raw"))
                .containsKey("raw");
    }

    @Test
    void everyResponseCarriesTheRequestId() {
        web.get()
                .uri("/v1/connections")
                .header("Authorization", FULL)
                .header("X-Request-Id", "trace-123")
                .exchange()
                .expectHeader()
                .valueEquals("X-Request-Id", "trace-123");
        web.get()
                .uri("/v1/connections/nope/videos")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .exists("X-Request-Id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void patchIsAMergePatchAndTheNextReadShowsIt() {
        web.patch()
                .uri("/v1/connections/fake-main/videos/fake00000002")
                .header("Authorization", FULL)
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue("{\"title\":\"New title\",\"tags\":[\"a\",\"b\"],\"metadata\":{\"seq\":null,\"k\":\"v\"}}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("New title")
                .jsonPath("$.description")
                .isEqualTo("Seeded video number 2");
        Map<String, Object> video = getJson("/v1/connections/fake-main/videos/fake00000002");
        assertThat(video.get("tags")).isEqualTo(List.of("a", "b"));
        assertThat((Map<String, Object>) video.get("metadata")).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void deleteAnswers204AndTheVideoIsGone() {
        web.delete()
                .uri("/v1/connections/fake-main/videos/fake00000003")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody()
                .isEmpty();
        web.get()
                .uri("/v1/connections/fake-main/videos/fake00000003")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/vendor-not-found")
                .jsonPath("$.connection")
                .isEqualTo("fake-main")
                .jsonPath("$.vendor")
                .isEqualTo("fake")
                .jsonPath("$.retryable")
                .isEqualTo(false);
    }

    @Test
    void ingestIsAcceptedWithALocationToPoll() {
        String location = web.post()
                .uri("/v1/connections/fake-main/ingests")
                .header("Authorization", FULL)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"source_url\":\"https://media.example.com/a.mp4\",\"title\":\"From URL\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("processing")
                .returnResult()
                .getResponseHeaders()
                .getLocation()
                .toString();
        web.get()
                .uri(location)
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ready")
                .jsonPath("$.video_id")
                .exists();
    }

    @Test
    void uploadTicketSaysWhereAndHow() {
        web.post()
                .uri("/v1/connections/fake-main/uploads")
                .header("Authorization", FULL)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"filename\":\"clip.mp4\",\"content_type\":\"video/mp4\",\"size_bytes\":1000}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.upload_url")
                .exists()
                .jsonPath("$.method")
                .isEqualTo("PUT")
                .jsonPath("$.headers['Content-Type']")
                .isEqualTo("video/mp4")
                .jsonPath("$.expires_at")
                .exists();
    }

    @Test
    void connectionsListShowsCapabilitiesAndHealthForThisKeyOnly() {
        web.get()
                .uri("/v1/connections")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                // the five fake connections of application-test.yaml, and fake-fair (FairSharesIT)
                .expectBody()
                .jsonPath("$.data.length()")
                .isEqualTo(6)
                .jsonPath("$.data[?(@.id=='fake-basic')].capabilities[0]")
                .isEqualTo("search")
                .jsonPath("$.data[?(@.id=='fake-main')].health.status")
                .isEqualTo("up");
        web.get()
                .uri("/v1/connections")
                .header("Authorization", READER)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.length()")
                .isEqualTo(1)
                .jsonPath("$.data[0].id")
                .isEqualTo("fake-main");
    }
}
