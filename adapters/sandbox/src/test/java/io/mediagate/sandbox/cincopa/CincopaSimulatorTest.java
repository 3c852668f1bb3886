package io.mediagate.sandbox.cincopa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The simulator over plain HTTP, as the vendor notes describe Cincopa. */
class CincopaSimulatorTest {
    static final CincopaSimulator SIM = new CincopaSimulator(0);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        SIM.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SIM.baseUrl() + pathAndQuery)).build(),
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
        assertThat(get("/asset.frobnicate.json?api_token=" + CincopaSimulator.DEMO_TOKEN).body())
                .contains("\"success\":false");
    }

    @Test
    void pagesWithPageCount() throws Exception {
        String body = get("/asset.list.json?type=video&page=2&items_per_page=3&api_token="
                + CincopaSimulator.DEMO_TOKEN).body();
        assertThat(body).contains("\"page\":2").contains("\"items_per_page\":3").contains("\"pages_count\":3")
                .contains("\"items_count\":7");
    }

    @Test
    void enforcesAConfiguredRequestLimitWith429AndRetryAfter() throws Exception {
        try (CincopaSimulator limited = new CincopaSimulator(0, 2)) {
            String ping = limited.baseUrl() + "/ping.json?api_token=" + CincopaSimulator.DEMO_TOKEN;
            for (int i = 0; i < 2; i++) {
                assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(ping)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> third = HTTP.send(HttpRequest.newBuilder(URI.create(ping)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
        }
    }
}
