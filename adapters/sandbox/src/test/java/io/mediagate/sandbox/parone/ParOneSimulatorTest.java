package io.mediagate.sandbox.parone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.parone.ParOneSimulator.WriteAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ParOne simulator over plain HTTP, as ParOne's overview and videos/content pages describe the API. */
class ParOneSimulatorTest {
    static final ParOneSimulator SIM = new ParOneSimulator(0);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void reset() {
        SIM.mode(SimulatorMode.DOCUMENTED).writeAuth(WriteAuth.KEY_SECRET);
        SIM.reset();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder read(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(SIM.baseUrl() + pathAndQuery))
                .header("X-Parone-Sync-Code", ParOneSimulator.SYNC_CODE);
    }

    private HttpRequest.Builder write(String path) {
        return HttpRequest.newBuilder(URI.create(SIM.baseUrl() + path))
                .header("X-Parone-Api-Key", ParOneSimulator.API_KEY)
                .header("X-Parone-Api-Secret", ParOneSimulator.API_SECRET)
                .header("Content-Type", "application/json");
    }

    private static int count(String body, String needle) {
        return body.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void readsNeedTheSyncCodeAndAnswerTheOkEnvelope() throws Exception {
        HttpResponse<String> ok = send(HttpRequest.newBuilder(URI.create(SIM.baseUrl() + "/videos/?pageSize=2"))
                .header("x-parone-sync-code", ParOneSimulator.SYNC_CODE));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).startsWith("{\"status\":\"ok\",\"data\":[");
        HttpResponse<String> ko = send(HttpRequest.newBuilder(URI.create(SIM.baseUrl() + "/videos/")));
        assertThat(ko.statusCode()).isEqualTo(401);
        assertThat(ko.body()).contains("\"status\":\"KO\"").contains("\"error\"");
    }

    @Test
    void writesRefuseTheSyncCode() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(SIM.baseUrl() + "/content/"))
                .header("X-Parone-Sync-Code", ParOneSimulator.SYNC_CODE)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("\"status\":\"KO\"");
    }

    @Test
    void readsPickTheSubOrganisationByTheDocumentedMmiParameterNotTheHeader() throws Exception {
        String north = send(read("/videos/?mmi=" + ParOneSimulator.MMI_NORTH)).body();
        assertThat(north).contains("North video").doesNotContain("HQ video");
        String header = send(read("/videos/").header("X-ParOne-MMI-Key", ParOneSimulator.MMI_NORTH))
                .body();
        assertThat(header)
                .as("the header is documented with write keys only")
                .contains("HQ video")
                .doesNotContain("North video");
        SIM.mode(SimulatorMode.GUESSED);
        assertThat(send(read("/videos/").header("X-ParOne-MMI-Key", ParOneSimulator.MMI_NORTH))
                        .body())
                .contains("North video")
                .doesNotContain("HQ video");
    }

    @Test
    void theTagsArrayArgumentIsIgnoredUnlessGuessed() throws Exception {
        String all = send(read("/videos/?pageSize=100")).body();
        String tagged = send(read("/videos/?pageSize=100&tags%5B%5D=golf")).body();
        assertThat(count(tagged, "\"contentKey\""))
                .isEqualTo(count(all, "\"contentKey\""))
                .isEqualTo(7);
        SIM.mode(SimulatorMode.GUESSED);
        assertThat(count(send(read("/videos/?pageSize=100&tags%5B%5D=golf")).body(), "\"contentKey\""))
                .isEqualTo(3);
    }

    @Test
    void undocumentedContentRoutesAnswerLikeAnUnknownRoute() throws Exception {
        String key = SIM.contentKeys(null).get(0);
        HttpResponse<String> unknown = send(write("/nowhere/").GET());
        for (HttpRequest.Builder b : new HttpRequest.Builder[] {
            write("/content/" + key).PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")),
            write("/content/" + key).method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")),
            write("/content/" + key).DELETE()
        }) {
            HttpResponse<String> r = send(b);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).isEqualTo(unknown.body()).contains("\"status\":\"KO\"");
        }
        assertThat(SIM.contentKeys(null)).contains(key);
    }

    @Test
    void guessedModeAnswersTheContentRoutesWithAStatusAlone() throws Exception {
        SIM.mode(SimulatorMode.GUESSED);
        String key = SIM.contentKeys(null).get(0);
        HttpResponse<String> put =
                send(write("/content/" + key).PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"Renamed\"}")));
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(send(read("/videos/?contentKey=" + key)).body()).contains("Renamed");
        HttpResponse<String> delete = send(write("/content/" + key).DELETE());
        assertThat(delete.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(SIM.contentKeys(null)).doesNotContain(key);
    }

    @Test
    void createAnswersOnlyTheDocumentedFieldsUnlessGuessed() throws Exception {
        HttpResponse<String> created = send(
                write("/content/").POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"New\",\"contentSize\":10}")));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body())
                .contains("\"contentKey\"")
                .contains("\"thumbnailUrl\"")
                .doesNotContain("uploadUrl");
        SIM.mode(SimulatorMode.GUESSED);
        assertThat(send(write("/content/").POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"New\"}")))
                        .body())
                .contains("\"uploadUrl\"");
    }

    @Test
    void writesRequireTheConfiguredScheme() throws Exception {
        String body = "{\"title\":\"x\"}";
        assertThat(send(write("/content/").POST(HttpRequest.BodyPublishers.ofString(body)))
                        .statusCode())
                .isEqualTo(200);
        SIM.writeAuth(WriteAuth.AUTHORIZATION);
        HttpResponse<String> keys = send(write("/content/").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(keys.statusCode()).isEqualTo(401);
        assertThat(keys.body()).contains("\"status\":\"KO\"");
        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(SIM.baseUrl() + "/content/"))
                .header("Authorization", ParOneSimulator.API_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(URI.create(SIM.baseUrl() + "/content/"))
                                .header("Authorization", "wrong")
                                .POST(HttpRequest.BodyPublishers.ofString(body)))
                        .statusCode())
                .isEqualTo(401);
    }
}
