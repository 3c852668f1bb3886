package io.mediagate.gateway.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.logging.SecretMasker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A vendor the gateway has never heard of, from a module in test scope: configured like any other, it serves the
 * API, takes its quota from its declared plan, and its declared secrets (only those) are masked. Nothing in the
 * gateway, the poms or the chart names it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mediagate.connections.tiny-main.vendor=tinyvid",
            "mediagate.connections.tiny-main.base-url=http://tiny.invalid/api",
            "mediagate.connections.tiny-main.credentials.access-code=fake-token",
            "mediagate.connections.tiny-main.credentials.region=application",
            "mediagate.connections.tiny-main.options.instance=gw-tiny-main",
            "mediagate.connections.tiny-main.options.guessed-operations=off",
            "mediagate.connections.tiny-main.quota.limit=1000",
            "mediagate.connections.tiny-quota.vendor=tinyvid",
            "mediagate.connections.tiny-quota.base-url=http://tiny.invalid/api",
            "mediagate.connections.tiny-quota.credentials.access-code=fake-token",
            "mediagate.connections.tiny-quota.options.instance=gw-tiny-quota",
            "mediagate.connections.tiny-quota.cache.enabled=false"
        })
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class SixthVendorIT {
    private static final String FULL = "Bearer full-key";

    @Autowired
    WebTestClient web;

    @Test
    void servesTheApiWithTheCapabilitiesItDeclares() {
        web.get()
                .uri("/v1/connections")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[?(@.id == 'tiny-main')].vendor")
                .isEqualTo("tinyvid")
                .jsonPath("$.data[?(@.id == 'tiny-main')].capabilities[*]")
                .value(c -> assertThat(c.toString())
                        .contains("delete")
                        .contains("tags")
                        .doesNotContain("update"));
        web.get()
                .uri("/v1/connections/tiny-main/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.connection")
                .isEqualTo("tiny-main");
        web.patch()
                .uri("/v1/connections/tiny-main/videos/fake00000001")
                .header("Authorization", FULL)
                .header("Content-Type", "application/merge-patch+json")
                .bodyValue("{\"title\":\"x\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(501);
    }

    @Test
    void masksItsSecretCredentialAndItsWireShapesButNotItsPlainOne() {
        assertThat(SecretMasker.mask("X-Tiny-Code: fake-token, region application, Content-Type: application/json"))
                .doesNotContain("fake-token")
                .contains("region application")
                .contains("application/json");
        assertThat(SecretMasker.mask("GET /list?x-tiny-code=abc123&p=1 tiny_9f8e7d"))
                .doesNotContain("abc123")
                .doesNotContain("9f8e7d");
    }

    @Test
    void itsDeclaredPlanBecomesTheConnectionsQuota() {
        // 3 per hour; health pings from other tests may have spent some, never added any
        int served = 0;
        String lastProblem = null;
        for (int i = 0; i < 5; i++) {
            var result = web.get()
                    .uri("/v1/connections/tiny-quota/videos?limit=1")
                    .header("Authorization", FULL)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();
            if (result.getStatus().value() == 200) {
                served++;
            } else {
                lastProblem = result.getStatus().value() + " " + result.getResponseBody();
            }
        }
        assertThat(served).as("calls served within the declared plan").isLessThanOrEqualTo(3);
        assertThat(lastProblem).startsWith("429").contains("quota-exhausted");
    }
}
