package io.mediagate.sandbox.cincopa;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.sandbox.SimulatorMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator over plain HTTP, as Cincopa's documentation (CDOC) and its own uploader describe it. */
class CincopaSimulatorTest {
    static final CincopaSimulator SIM = new CincopaSimulator(0);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TOKEN = "&api_token=" + CincopaSimulator.DEMO_TOKEN;

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void reset() {
        SIM.mode(SimulatorMode.DOCUMENTED).reset();
    }

    private JsonNode firstItem(String query) throws Exception {
        return JSON.readTree(get("/asset.list.json?type=video&rid=" + rid("Product tour 2026") + query + TOKEN)
                        .body())
                .get("items")
                .get(0);
    }

    private static String rid(String caption) {
        return SIM.assetsOfType("video").stream()
                .filter(a -> caption.equals(a.get("caption")))
                .map(a -> (String) a.get("rid"))
                .findFirst()
                .orElseThrow();
    }

    private static HttpResponse<String> post(String url, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String uploadUrl() throws Exception {
        return JSON.readTree(get("/asset.get_upload_url.json?ttl=3600" + TOKEN).body())
                .get("upload_url")
                .asString();
    }

    @Test
    void listReturnsTheDocumentedDefaultDetailsWhichLeaveOutTags() throws Exception {
        JsonNode item = firstItem("");
        assertThat(item.has("caption")).isTrue();
        assertThat(item.has("description")).isTrue();
        assertThat(item.has("exif")).isTrue();
        assertThat(item.has("reference_id")).isTrue();
        assertThat(item.has("tags")).as("tags is not among the default details").isFalse();
        assertThat(item.get("rid").asString()).isNotBlank();
        assertThat(item.has("uploaded")).isTrue();
    }

    @Test
    void listReturnsExactlyTheDetailsAskedFor() throws Exception {
        JsonNode tagsOnly = firstItem("&details=tags");
        assertThat(tagsOnly.get("tags").asString()).isEqualTo("product,tour");
        assertThat(tagsOnly.has("caption")).isFalse();
        assertThat(tagsOnly.has("description")).isFalse();
        JsonNode two = firstItem("&details=caption,%20tags");
        assertThat(two.get("caption").asString()).isEqualTo("Product tour 2026");
        assertThat(two.has("tags")).isTrue();
        assertThat(two.has("exif")).isFalse();
    }

    @Test
    void anHlsRenditionExistsOnlyInGuessedMode() throws Exception {
        JsonNode versions = firstItem("").get("versions");
        assertThat(versions.has("mp4_hd")).isTrue();
        assertThat(versions.has("hls")).isFalse();
        SIM.mode(SimulatorMode.GUESSED);
        assertThat(firstItem("").get("versions").get("hls").get("url").asString())
                .endsWith("/master.m3u8");
    }

    @Test
    void failureTextsAreNeutral() throws Exception {
        for (String call : new String[] {
            "/asset.delete.json?rid=nope",
            "/asset.set_meta.json?rid=nope&caption=x",
            "/asset.upload_from_url_get_status.json?status_id=nope",
            "/asset.frobnicate.json?x=1"
        }) {
            JsonNode body = JSON.readTree(get(call + TOKEN).body());
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.get("message").asString().toLowerCase(Locale.ROOT))
                    .doesNotContain("not found", "no such", "does not exist", "token", "permission");
        }
    }

    @Test
    void theUploadUrlTakesRawBytesInChunksAndAnswersTheNewRid() throws Exception {
        String url = uploadUrl();
        assertThat(url)
                .contains("/post.jpg?uid=" + CincopaSimulator.ACCOUNT + "&d=")
                .contains("&hash=")
                .doesNotContain(CincopaSimulator.DEMO_TOKEN);
        byte[] first = "0123456789".getBytes();
        byte[] second = "abcdef".getBytes();
        HttpResponse<String> partial = post(url, first, "X-FILE-NAME", "clip.mp4", "Content-Range", "bytes 0-9/16");
        assertThat(partial.statusCode()).isEqualTo(200);
        assertThat(partial.body()).isEmpty();
        assertThat(SIM.assetsOfType("video")).noneMatch(a -> "clip.mp4".equals(a.get("filename")));
        HttpResponse<String> done = post(url, second, "X-FILE-NAME", "clip.mp4", "Content-Range", "bytes 10-15/16");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).matches("new resource id \\d+ \\S+");
        String rid = done.body().substring(done.body().lastIndexOf(' ') + 1);
        assertThat(SIM.assetsOfType("video"))
                .filteredOn(a -> rid.equals(a.get("rid")))
                .singleElement()
                .satisfies(
                        a -> assertThat(a).containsEntry("filename", "clip.mp4").containsEntry("filesize", 16L));
        assertThat(post(url, first, "X-FILE-NAME", "clip.mp4").statusCode())
                .as("a used URL")
                .isEqualTo(403);
    }

    @Test
    void theUploadUrlRefusesForgedUrlsMissingNamesAndOutOfOrderChunks() throws Exception {
        String url = uploadUrl();
        assertThat(post(url.replaceAll("hash=[0-9a-f-]+", "hash=forged"), new byte[] {1}, "X-FILE-NAME", "a.mp4")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(url, new byte[] {1}).statusCode()).isEqualTo(400);
        assertThat(post(url, new byte[] {1, 2}, "X-FILE-NAME", "a.mp4", "Content-Range", "bytes 4-5/6")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post(url, new byte[] {1, 2}, "X-FILE-NAME", "a.mp4", "Content-Range", "bytes 0-1/2")
                        .statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(SIM.baseUrl() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wrongOrMissingTokenIs403WithSuccessFalse() throws Exception {
        HttpResponse<String> r = get("/ping.json?api_token=nope");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("\"success\":false").contains("\"message\"");
        assertThat(get("/ping.json").statusCode()).isEqualTo(403);
    }

    @Test
    void logicalFailuresAre200WithSuccessFalse() throws Exception {
        HttpResponse<String> r = get("/asset.delete.json?rid=nope&api_token=" + CincopaSimulator.DEMO_TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"success\":false");
        assertThat(get("/asset.frobnicate.json?api_token=" + CincopaSimulator.DEMO_TOKEN)
                        .body())
                .contains("\"success\":false");
    }

    @Test
    void pagesWithPageCount() throws Exception {
        String body = get("/asset.list.json?type=video&page=2&items_per_page=3&api_token="
                        + CincopaSimulator.DEMO_TOKEN)
                .body();
        assertThat(body)
                .contains("\"page\":2")
                .contains("\"items_per_page\":3")
                .contains("\"pages_count\":3")
                .contains("\"items_count\":7");
    }

    @Test
    void enforcesAConfiguredRequestLimitWith429AndRetryAfter() throws Exception {
        try (CincopaSimulator limited = new CincopaSimulator(0, 2)) {
            String ping = limited.baseUrl() + "/ping.json?api_token=" + CincopaSimulator.DEMO_TOKEN;
            for (int i = 0; i < 2; i++) {
                assertThat(HTTP.send(
                                        HttpRequest.newBuilder(URI.create(ping)).build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .isEqualTo(200);
            }
            HttpResponse<String> third =
                    HTTP.send(HttpRequest.newBuilder(URI.create(ping)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
        }
    }
}
