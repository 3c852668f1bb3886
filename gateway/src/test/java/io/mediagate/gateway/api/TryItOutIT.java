package io.mediagate.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.GatewayTestSupport;
import io.mediagate.gateway.cors.CorsTestAccess;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/**
 * Swagger UI works from any host: it shows the one contract ({@code /openapi.yaml}, relative server URL, bearer
 * scheme), there is no generated second contract at {@code /v3/api-docs}, and with CORS off (the default) a
 * cross-origin preflight gets no CORS grant.
 */
class TryItOutIT extends GatewayTestSupport {
    @LocalServerPort
    int port;

    @Test
    void swaggerUiShowsTheServedContract() {
        String page = web.get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains("src=\"webjars/swagger-ui/swagger-ui-bundle.js\"")
                .contains("src=\"swagger-ui-init.js\"");
        web.get()
                .uri("/webjars/swagger-ui/swagger-ui-bundle.js")
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/webjars/swagger-ui/swagger-ui.css")
                .exchange()
                .expectStatus()
                .isOk();
        String init = web.get()
                .uri("/swagger-ui-init.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(init).contains("url: \"openapi.yaml\"");
        String contract = web.get()
                .uri("/openapi.yaml")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(contract)
                .contains("servers:\n  # relative")
                .contains("  - url: /\n")
                .contains("scheme: bearer")
                .doesNotContain("localhost");
    }

    @Test
    void thereIsNoSecondContract() {
        web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/v3/api-docs/swagger-config").exchange().expectStatus().isNotFound();
    }

    @Test
    void corsIsOffByDefault() throws Exception {
        var a = CorsTestAccess.preflight(port, "https://tools.example.com");
        assertThat(a.header("Access-Control-Allow-Origin")).isNull();
        assertThat(a.status()).isEqualTo(401);
    }
}
