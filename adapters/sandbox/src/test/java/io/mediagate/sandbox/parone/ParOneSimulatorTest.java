package io.mediagate.sandbox.parone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The ParOne simulator over plain HTTP, as ParOne's overview describes the API. */
class ParOneSimulatorTest {
    static final ParOneSimulator SIM = new ParOneSimulator(0);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        SIM.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
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
}
