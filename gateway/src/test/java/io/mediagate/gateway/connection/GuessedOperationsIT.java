package io.mediagate.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.kit.FakeVendor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Operations that rest on guessed vendor calls are listed as {@code unverified}, and
 * {@code options.guessed-operations: off} turns them into 501 before any vendor call.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mediagate.connections.fake-guess.vendor=fake",
            "mediagate.connections.fake-guess.base-url=http://fake.invalid/api",
            "mediagate.connections.fake-guess.credentials.token=fake-token",
            "mediagate.connections.fake-guess.options.instance=gw-fake-guess",
            "mediagate.connections.fake-guess.options.unverified=update,delete",
            "mediagate.connections.fake-noguess.vendor=fake",
            "mediagate.connections.fake-noguess.base-url=http://fake.invalid/api",
            "mediagate.connections.fake-noguess.credentials.token=fake-token",
            "mediagate.connections.fake-noguess.options.instance=gw-fake-noguess",
            "mediagate.connections.fake-noguess.options.unverified=update,delete",
            "mediagate.connections.fake-noguess.options.guessed-operations=off"
        })
@AutoConfigureWebTestClient
@ActiveProfiles("test")
@SuppressWarnings("unchecked")
class GuessedOperationsIT {
    private static final String FULL = "Bearer full-key";
    private final FakeVendor offVendor = FakeVendor.named("gw-fake-noguess");

    @Autowired
    WebTestClient web;

    @BeforeEach
    void reset() {
        offVendor.reset();
        FakeVendor.named("gw-fake-guess").reset();
    }

    @Test
    void connectionsListTheirUnverifiedOperations() {
        web.get()
                .uri("/v1/connections")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[?(@.id == 'fake-guess')].unverified[*]")
                .isEqualTo(List.of("update", "delete"))
                .jsonPath("$.data[?(@.id == 'fake-guess')].capabilities[*]")
                .value(caps -> assertThat((List<Object>) caps).contains("update", "delete"))
                .jsonPath("$.data[?(@.id == 'fake-main')].unverified")
                .isEmpty()
                .jsonPath("$.data[?(@.id == 'fake-noguess')].unverified")
                .isEmpty()
                .jsonPath("$.data[?(@.id == 'fake-noguess')].capabilities[*]")
                .value(caps -> assertThat((List<Object>) caps)
                        .doesNotContain("update", "delete")
                        .contains("tags"));
    }

    @Test
    void guessedOperationsSwitchedOffAnswer501WithoutAVendorCall() {
        web.patch()
                .uri("/v1/connections/fake-noguess/videos/fake00000001")
                .header("Authorization", FULL)
                .header("Content-Type", "application/merge-patch+json")
                .bodyValue("{\"title\":\"x\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(501)
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.capability")
                .isEqualTo("update");
        web.delete()
                .uri("/v1/connections/fake-noguess/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isEqualTo(501)
                .expectBody()
                .jsonPath("$.capability")
                .isEqualTo("delete");
        assertThat(offVendor.calls()).isZero();
        web.get()
                .uri("/v1/connections/fake-noguess/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void guessedOperationsOnByDefaultStillWork() {
        web.delete()
                .uri("/v1/connections/fake-guess/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isNoContent();
    }
}
