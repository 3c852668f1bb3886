package io.mediagate.sandbox.cognitive3d;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.sandbox.SimulatorMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator over plain HTTP. Documented mode (the default) answers only the routes Cognitive3D documents
 * (EVIDENCE.md §4); the adapter's guessed routes answer there like any unknown route and work in guessed mode.
 */
class Cognitive3DSimulatorTest {
    private static final Cognitive3DSimulator SIM = new Cognitive3DSimulator(0);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEMO_MEDIA = "/projects/" + Cognitive3DSimulator.DEMO_PROJECT + "/media";

    @BeforeEach
    void reset() {
        SIM.mode(SimulatorMode.DOCUMENTED).reset();
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    private static HttpResponse<byte[]> call(String method, String path, String auth, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(SIM.baseUrl() + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> get(String path, String auth) throws Exception {
        return call("GET", path, auth, null, null);
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void whoamiNamesTheKeysOrganisationInBothHeaderForms() throws Exception {
        HttpResponse<byte[]> current = get("/organizations/apiKeys/whoami", Cognitive3DSimulator.DEMO_ORG_KEY);
        HttpResponse<byte[]> legacy =
                get("/organizations/apiKeys/whoami", "APIKEY:ORGANIZATION " + Cognitive3DSimulator.DEMO_LEGACY_KEY);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(current.body()).get("organizationId").asLong()).isEqualTo(101);
        assertThat(JSON.readTree(legacy.body()).get("organizationId").asLong()).isEqualTo(101);
        assertThat(JSON.readTree(get("/organizations/apiKeys/whoami", Cognitive3DSimulator.OTHER_ORG_KEY)
                                .body())
                        .get("organizationId")
                        .asLong())
                .isEqualTo(202);
    }

    @Test
    void rejectsMissingBearerWrongAndBareLegacyKeysWithPlainText401() throws Exception {
        for (String auth : new String[] {
            null,
            "Bearer " + Cognitive3DSimulator.DEMO_ORG_KEY,
            "orgkey-wrong",
            Cognitive3DSimulator.DEMO_LEGACY_KEY,
            "APIKEY:ORGANIZATION wrong"
        }) {
            HttpResponse<byte[]> r = get(DEMO_MEDIA, auth);
            assertThat(r.statusCode()).as("auth %s", auth).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
            assertThat(text(r)).isEqualTo("Unauthorized");
        }
    }

    @Test
    void mediaIsAPlainArrayOfVideosAndImagesAndHidesArchivedOnRequest() throws Exception {
        JsonNode all =
                JSON.readTree(get(DEMO_MEDIA, Cognitive3DSimulator.DEMO_ORG_KEY).body());
        JsonNode live = JSON.readTree(get(DEMO_MEDIA + "?excludeArchived=true", Cognitive3DSimulator.DEMO_ORG_KEY)
                .body());
        assertThat(all.isArray()).isTrue();
        assertThat(all.size()).isEqualTo(10);
        assertThat(live.size()).isEqualTo(9);
        long videos = 0;
        long images = 0;
        for (JsonNode m : live) {
            if (m.get("staticMedia").asBoolean()) {
                images++;
                assertThat(m.get("contentType").asString()).startsWith("image/");
            } else {
                videos++;
                assertThat(m.get("contentType").asString()).isEqualTo("video/mp4");
            }
            assertThat(m.get("uploadId").asString()).hasSize(36);
        }
        assertThat(videos).isGreaterThanOrEqualTo(6);
        assertThat(images).isEqualTo(2);
    }

    @Test
    void anotherOrganisationsProjectIsForbiddenAndAnUnknownOneNotFound() throws Exception {
        String foreign = "/projects/" + Cognitive3DSimulator.OTHER_PROJECT + "/media";
        HttpResponse<byte[]> r = get(foreign, Cognitive3DSimulator.DEMO_ORG_KEY);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(text(r)).isEqualTo("Forbidden");
        assertThat(call("DELETE", foreign + "/313", Cognitive3DSimulator.DEMO_ORG_KEY, null, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(get(foreign, Cognitive3DSimulator.OTHER_ORG_KEY).statusCode())
                .isEqualTo(200);
        assertThat(get("/projects/999999/media", Cognitive3DSimulator.DEMO_ORG_KEY)
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/organizations/202", Cognitive3DSimulator.DEMO_ORG_KEY).statusCode())
                .isEqualTo(403);
    }

    @Test
    void mediaOfAnotherProjectIsNotFoundThroughOwnProject() throws Exception {
        SIM.mode(SimulatorMode.GUESSED);
        long otherOrgsMedia = JSON.readTree(get("/projects/5150/media", Cognitive3DSimulator.OTHER_ORG_KEY)
                        .body())
                .get(0)
                .get("id")
                .asLong();
        HttpResponse<byte[]> r = get(DEMO_MEDIA + "/" + otherOrgsMedia, Cognitive3DSimulator.DEMO_ORG_KEY);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(text(r)).isEqualTo("Not Found");
    }

    @Test
    void documentedModeAnswersTheGuessedRoutesLikeAnUnknownRouteAndChangesNothing() throws Exception {
        String key = Cognitive3DSimulator.DEMO_ORG_KEY;
        HttpResponse<byte[]> unknownRoute = get("/projects/4242/nothing", key);
        List<HttpResponse<byte[]>> guesses = List.of(
                get(DEMO_MEDIA + "/301", key),
                call("PUT", DEMO_MEDIA + "/301", key, "application/json", "{\"name\":\"Renamed\"}".getBytes()),
                call("POST", DEMO_MEDIA + "?fileName=tour.webm&name=Tour", key, "video/webm", new byte[] {1, 2}));
        for (HttpResponse<byte[]> r : guesses) {
            assertThat(r.statusCode()).isEqualTo(unknownRoute.statusCode()).isEqualTo(404);
            assertThat(text(r)).isEqualTo(text(unknownRoute)).isEqualTo("Not Found");
            assertThat(r.headers().firstValue("Content-Type"))
                    .isEqualTo(unknownRoute.headers().firstValue("Content-Type"));
        }
        JsonNode live =
                JSON.readTree(get(DEMO_MEDIA + "?excludeArchived=true", key).body());
        assertThat(live.size()).isEqualTo(9);
        assertThat(live.findValuesAsString("name")).doesNotContain("Renamed", "Tour");
    }

    @Test
    void documentedModeServesTheDocumentedMediaRoutes() throws Exception {
        String key = Cognitive3DSimulator.DEMO_ORG_KEY;
        HttpResponse<byte[]> pois = get(DEMO_MEDIA + "/301/pointOfInterests", key);
        assertThat(pois.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(pois.body()).isArray()).isTrue();
        long image = 0;
        for (JsonNode m : JSON.readTree(get(DEMO_MEDIA, key).body())) {
            if (m.get("staticMedia").asBoolean()) {
                image = m.get("id").asLong();
            }
        }
        HttpResponse<byte[]> albedo = get(DEMO_MEDIA + "/" + image + "/files/source_albedo.png", key);
        assertThat(albedo.statusCode()).isEqualTo(200);
        assertThat(call("DELETE", DEMO_MEDIA + "/302", key, null, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void putUpdatesNameAndDescriptionAndRejectsBadJsonInGuessedMode() throws Exception {
        SIM.mode(SimulatorMode.GUESSED);
        String item = DEMO_MEDIA + "/301";
        HttpResponse<byte[]> r = call(
                "PUT",
                item,
                Cognitive3DSimulator.DEMO_ORG_KEY,
                "application/json",
                "{\"name\":\"Renamed\",\"description\":\"New words\"}".getBytes());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode got =
                JSON.readTree(get(item, Cognitive3DSimulator.DEMO_ORG_KEY).body());
        assertThat(got.get("name").asString()).isEqualTo("Renamed");
        assertThat(got.get("description").asString()).isEqualTo("New words");
        HttpResponse<byte[]> bad =
                call("PUT", item, Cognitive3DSimulator.DEMO_ORG_KEY, "application/json", "[1,2".getBytes());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(text(bad)).isEqualTo("Invalid json");
    }

    @Test
    void deleteArchivesSoTheLiveListNoLongerShowsIt() throws Exception {
        SIM.mode(SimulatorMode.GUESSED);
        assertThat(call("DELETE", DEMO_MEDIA + "/302", Cognitive3DSimulator.DEMO_ORG_KEY, null, null)
                        .statusCode())
                .isEqualTo(200);
        JsonNode live = JSON.readTree(get(DEMO_MEDIA + "?excludeArchived=true", Cognitive3DSimulator.DEMO_ORG_KEY)
                .body());
        assertThat(live.findValues("id")).extracting(JsonNode::asLong).doesNotContain(302L);
        assertThat(JSON.readTree(get(DEMO_MEDIA + "/302", Cognitive3DSimulator.DEMO_ORG_KEY)
                                .body())
                        .get("archived")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void uploadedFileIsServedBackWithItsOwnContentTypeInGuessedMode() throws Exception {
        SIM.mode(SimulatorMode.GUESSED);
        byte[] webm = {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, 1, 2, 3};
        HttpResponse<byte[]> created = call(
                "POST",
                DEMO_MEDIA + "?fileName=tour.webm&name=Tour",
                Cognitive3DSimulator.DEMO_ORG_KEY,
                "video/webm",
                webm);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode item = JSON.readTree(created.body());
        assertThat(item.get("staticMedia").asBoolean()).isFalse();
        assertThat(item.get("contentType").asString()).isEqualTo("video/webm");
        HttpResponse<byte[]> file =
                get(DEMO_MEDIA + "/" + item.get("id").asLong() + "/files/tour.webm", Cognitive3DSimulator.DEMO_ORG_KEY);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("video/webm");
        assertThat(file.body()).isEqualTo(webm);
    }

    @Test
    void uploadRefusesNonMediaContentTypesInGuessedMode() throws Exception {
        SIM.mode(SimulatorMode.GUESSED);
        HttpResponse<byte[]> r = call(
                "POST",
                DEMO_MEDIA + "?fileName=notes.txt",
                Cognitive3DSimulator.DEMO_ORG_KEY,
                "text/plain",
                "hello".getBytes());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).isEqualTo("Unsupported content type");
    }

    @Test
    void trailingSlashAndUnknownRoutesAreNotFound() throws Exception {
        assertThat(get(DEMO_MEDIA + "/", Cognitive3DSimulator.DEMO_ORG_KEY).statusCode())
                .isEqualTo(404);
        assertThat(get("/nothing/here", Cognitive3DSimulator.DEMO_ORG_KEY).statusCode())
                .isEqualTo(404);
    }

    @Test
    void queuedRateLimitAnswerIsPlainText429WithRetryAfter() throws Exception {
        SIM.rateLimitNext(Duration.ofSeconds(7));
        HttpResponse<byte[]> r = get(DEMO_MEDIA, Cognitive3DSimulator.DEMO_ORG_KEY);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(text(r)).isEqualTo("Too Many Requests");
    }

    @Test
    void demoConnectionUsesTheOrgKeyAndTheDemoProject() {
        assertThat(SIM.demoConnections()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("cognitive3d-demo");
            assertThat(c.credentials()).containsEntry("key-format", "orgkey");
            assertThat(c.options()).containsEntry("project-id", "4242");
            assertThat(c.baseUrl()).endsWith("/v0");
        });
        assertThat(List.of(SIM.vendor())).containsExactly("cognitive3d");
    }
}
