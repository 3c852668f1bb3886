package io.mediagate.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.api.connections.ConnectionHealth;
import io.mediagate.gateway.logging.SecretMasker;
import io.mediagate.sandbox.DemoConnection;
import io.mediagate.sandbox.Sandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/** README's run command: demo mode wires every vendor simulator and {@code demo-key} sees seeded videos. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("demo")
class DemoModeIT {
    @Autowired
    WebTestClient web;

    @Autowired
    Sandbox sandbox;

    @Autowired
    ConnectionHealth health;

    @Test
    void everyVendorSimulatorIsWiredAndAnswers() {
        List<String> vendors = Sandbox.factories().stream().map(f -> f.vendor()).toList();
        assertThat(vendors).contains("cognitive3d");
        List<DemoConnection> connections = sandbox.demoConnections();
        assertThat(connections).extracting(DemoConnection::vendor).containsAll(vendors);
        // the first health check pings every simulator at once, each within 2 s: on a loaded machine a cold
        // simulator may miss that, and a later check (within 30 s; once failed at 15 s in CI) must find all up
        long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                web.get()
                        .uri("/v1/connections")
                        .header("Authorization", "Bearer demo-key")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.data.length()")
                        .isEqualTo(connections.size())
                        .jsonPath("$.data[?(@.health.status != 'up')]")
                        .isEmpty();
                break;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > giveUp) {
                    throw notYet;
                }
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                health.forget();
            }
        }
        for (DemoConnection c : connections) {
            Map<String, Object> page = web.get()
                    .uri("/v1/connections/" + c.id() + "/videos?limit=3")
                    .header("Authorization", "Bearer demo-key")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                    .returnResult()
                    .getResponseBody();
            assertThat((List<?>) page.get("data")).as("videos of %s", c.id()).isNotEmpty();
        }
    }

    @Test
    void logsMaskTheDemoSecretsButNotPlainCredentials() {
        // StreamOne's demo connection has authentication-type: application, which is no secret
        DemoConnection streamone = sandbox.demoConnections().stream()
                .filter(c -> c.vendor().equals("streamone"))
                .findFirst()
                .orElseThrow();
        assertThat(streamone.credentials()).containsEntry("authentication-type", "application");
        assertThat(SecretMasker.mask("Content-Type: application/json; psk "
                        + streamone.credentials().get("psk")))
                .isEqualTo("Content-Type: application/json; psk ******");
    }

    @Test
    void demoKeyIsTheOnlyKey() {
        web.get()
                .uri("/v1/connections")
                .header("Authorization", "Bearer not-the-demo-key")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
