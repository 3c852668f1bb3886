package io.mediagate.gateway.cors;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With {@code mediagate.cors} on, browsers on an allowed origin may call; preflights are answered, not 401. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mediagate.cors.enabled=true", "mediagate.cors.allowed-origins=https://tools.example.com"})
class CorsIT extends GatewayTestSupport {
    private static final String ORIGIN = "https://tools.example.com";

    @LocalServerPort
    int port;

    @Test
    void preflightIsAnsweredWithoutCredentials() throws Exception {
        RawHttp.Answer a = RawHttp.send(
                port,
                "OPTIONS /v1/connections/fake-main/videos/fake00000001 HTTP/1.1\r\n"
                        + "Origin: " + ORIGIN + "\r\nAccess-Control-Request-Method: PATCH\r\n"
                        + "Access-Control-Request-Headers: authorization, content-type\r\n");
        assertThat(a.status()).isEqualTo(204);
        assertThat(a.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(a.header("Access-Control-Allow-Methods")).contains("PATCH");
        assertThat(a.header("Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization")
                .contains("content-type");
        assertThat(a.header("Access-Control-Max-Age")).isEqualTo("1800");
        assertThat(a.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(a.header("WWW-Authenticate")).isNull();
    }

    @Test
    void crossOriginCallsExposeTheApiHeaders() throws Exception {
        RawHttp.Answer a = RawHttp.send(
                port,
                "GET /v1/connections/fake-main/videos/fake00000001 HTTP/1.1\r\n" + "Origin: " + ORIGIN
                        + "\r\nAuthorization: Bearer full-key\r\n");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(a.header("Access-Control-Expose-Headers"))
                .contains("ETag")
                .contains("Cache-Status")
                .contains("RateLimit-Remaining")
                .contains("X-Request-Id")
                .contains("Retry-After");
    }

    @Test
    void otherOriginsMethodsAndHeadersAreRefusedAsProblems() throws Exception {
        RawHttp.Answer origin = RawHttp.send(
                port,
                "OPTIONS /v1/connections HTTP/1.1\r\n"
                        + "Origin: https://evil.example.com\r\nAccess-Control-Request-Method: GET\r\n");
        assertThat(origin.status()).isEqualTo(403);
        assertThat(origin.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(origin.body()).contains("cors-not-allowed");
        assertThat(origin.header("Access-Control-Allow-Origin")).isNull();
        RawHttp.Answer header = RawHttp.send(
                port,
                "OPTIONS /v1/connections HTTP/1.1\r\n"
                        + "Origin: " + ORIGIN + "\r\nAccess-Control-Request-Method: GET\r\n"
                        + "Access-Control-Request-Headers: x-vendor-secret\r\n");
        assertThat(header.status()).isEqualTo(403);
        RawHttp.Answer method = RawHttp.send(
                port,
                "OPTIONS /v1/connections HTTP/1.1\r\n" + "Origin: " + ORIGIN
                        + "\r\nAccess-Control-Request-Method: TRACE\r\n");
        assertThat(method.status()).isEqualTo(403);
    }
}
