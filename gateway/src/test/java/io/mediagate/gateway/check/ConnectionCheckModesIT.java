package io.mediagate.gateway.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.policy.quota.OutboundQuota;
import io.mediagate.sandbox.DemoConnection;
import io.mediagate.sandbox.Sandbox;
import io.mediagate.sandbox.SimulatorMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The connection check against both simulator modes: the demo's simulators answer the adapters' guesses, so the
 * check confirms them; simulators that model only the vendors' documentation refute every guess it can probe.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("demo")
class ConnectionCheckModesIT {
    private static final Sandbox DOCUMENTED = Sandbox.startAll(0, SimulatorMode.DOCUMENTED);

    @Autowired
    WebTestClient web;

    @Autowired
    OutboundQuota quota;

    @BeforeEach
    void refill() {
        // ParOne's plan bursts 10 calls, and a check with writes spends 10: each test starts with a full bucket
        quota.resetAll();
    }

    /** Every documented simulator's demo connections again, as {@code <id>-documented}. */
    @DynamicPropertySource
    static void documentedConnections(DynamicPropertyRegistry registry) {
        for (DemoConnection c : DOCUMENTED.demoConnections()) {
            String key = "mediagate.connections." + c.id() + "-documented";
            registry.add(key + ".vendor", c::vendor);
            registry.add(key + ".base-url", c::baseUrl);
            c.credentials().forEach((k, v) -> registry.add(key + ".credentials." + k, () -> v));
            c.options().forEach((k, v) -> registry.add(key + ".options." + k, () -> v));
        }
    }

    @AfterAll
    static void stop() {
        DOCUMENTED.close();
    }

    private Map<String, Object> check(String connection) {
        return web.post()
                .uri("/v1/connections/" + connection + "/check?writes=true")
                .header("Authorization", "Bearer demo-key")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> summary(Map<String, Object> report, String part) {
        return (List<String>) ((Map<String, Object>) report.get("summary")).get(part);
    }

    @Test
    void guessedSimulatorsConfirmEveryGuessTheCheckProbes() {
        Map<String, Object> parone = check("parone-demo");
        assertThat(parone.get("passed")).as(String.valueOf(parone)).isEqualTo(true);
        assertThat(summary(parone, "trusted"))
                .as(String.valueOf(parone))
                .contains("delete", "direct_upload", "tags", "update");
        assertThat(summary(parone, "refuted")).isEmpty();

        Map<String, Object> streamone = check("streamone-demo");
        assertThat(streamone.get("passed")).as(String.valueOf(streamone)).isEqualTo(true);
        assertThat(summary(streamone, "trusted")).containsExactly("delete", "tags", "update");
    }

    @Test
    void documentedSimulatorsRefuteEveryGuessTheCheckProbes() {
        Map<String, Object> parone = check("parone-demo-documented");
        assertThat(parone.get("passed")).isEqualTo(false);
        assertThat(summary(parone, "refuted"))
                .as(String.valueOf(parone))
                .contains("delete", "direct_upload", "tags", "update");
        assertThat(summary(parone, "trusted")).doesNotContain("delete", "direct_upload", "tags", "update");

        Map<String, Object> streamone = check("streamone-demo-documented");
        assertThat(streamone.get("passed")).isEqualTo(false);
        assertThat(summary(streamone, "refuted"))
                .as(String.valueOf(streamone))
                .containsExactly("delete", "tags", "update");

        Map<String, Object> cincopa = check("cincopa-demo-documented");
        assertThat(cincopa.get("passed"))
                .as("a refuted optional field does not fail the check")
                .isEqualTo(true);
        assertThat(String.valueOf(cincopa.get("probes")))
                .contains("hls-rendition")
                .contains("refuted");
    }

    @Test
    void writeProbesRunOnlyWhenAsked() {
        Map<String, Object> report = web.post()
                .uri("/v1/connections/parone-demo/check")
                .header("Authorization", "Bearer demo-key")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(summary(report, "unsettled")).contains("delete", "update");
        assertThat(String.valueOf(report.get("probes"))).contains("writes=true");
    }
}
