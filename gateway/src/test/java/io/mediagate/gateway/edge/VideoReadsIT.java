package io.mediagate.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The read handler answers every method on its paths as the annotated controllers did, and names its routes. */
class VideoReadsIT extends GatewayTestSupport {
    private static final String AUTH = "Authorization: Bearer full-key\r\n";

    @LocalServerPort
    int port;

    @Test
    void headOfAVideoAnswersTheHeadersOfItsGet() {
        String etag = web.get()
                .uri("/v1/connections/fake-main/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(byte[].class)
                .getResponseHeaders()
                .getETag();
        web.head()
                .uri("/v1/connections/fake-main/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("ETag", etag)
                .expectHeader()
                .value("Cache-Status", v -> assertThat(v).startsWith("mediagate; hit"))
                .expectBody()
                .isEmpty();
    }

    @Test
    void requestMetricsNameTheReadRoutesNotTheirPaths() {
        web.get()
                .uri("/v1/connections/fake-main/videos/fake00000002")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/v1/connections/fake-main/videos?limit=2")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk();
        String scrape = prometheus();
        assertThat(scrape)
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*"
                        + "uri=\"/v1/connections/\\{connection}/videos/\\{id}\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*"
                        + "uri=\"/v1/connections/\\{connection}/videos\"")
                .doesNotContain("uri=\"/v1/connections/fake-main");
    }

    @Test
    void aWriteToTheCollectionIs405NamingWhatItOffers() throws Exception {
        RawHttp.Response r = RawHttp.send(
                port,
                "POST /v1/connections/fake-main/videos HTTP/1.1\r\nHost: gw\r\n" + AUTH
                        + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(r.status()).as(r.toString()).isEqualTo(405);
        assertThat(r.header("content-type")).isEqualTo("application/problem+json");
        assertThat(r.header("allow")).contains("GET");
        assertThat(vendor.calls()).isZero();
    }

    @Test
    void aWriteMethodTheItemLacksIs405() throws Exception {
        RawHttp.Response r = RawHttp.send(
                port,
                "PUT /v1/connections/fake-main/videos/fake00000001 HTTP/1.1\r\n"
                        + "Host: gw\r\n" + AUTH
                        + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close"
                        + "\r\n\r\n{}");
        assertThat(r.status()).as(r.toString()).isEqualTo(405);
        assertThat(r.header("allow")).isNotNull();
        assertThat(vendor.calls()).isZero();
    }
}
