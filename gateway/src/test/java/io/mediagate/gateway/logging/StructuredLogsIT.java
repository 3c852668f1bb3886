package io.mediagate.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.sandbox.Sandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code logging.structured.format.console=ecs} turns every console line into one ECS JSON object, and the
 * masking still applies to messages and stack traces; a request's log line carries its trace id.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // the demo's change-events poller would race these tests for the failures they queue on a simulator
            "mediagate.events.poll.interval=",
            "logging.structured.format.console=ecs",
            "management.tracing.sampling.probability=1.0"
        })
@AutoConfigureWebTestClient
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsIT {
    private static final Logger log = LoggerFactory.getLogger(StructuredLogsIT.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Sandbox demo;

    @Autowired
    WebTestClient web;

    @Test
    void linesAreEcsJsonWithSecretsMasked(CapturedOutput output) {
        String token = demo.demoConnections().stream()
                .filter(c -> c.id().equals("cincopa-demo"))
                .findFirst()
                .orElseThrow()
                .credentials()
                .get("api-token");
        log.warn("calling https://api.cincopa.com/v2/ping.json?api_token={} for {}", token, "structured-check");
        IllegalStateException failure = new IllegalStateException("vendor echoed " + token);
        failure.setStackTrace(new StackTraceElement[] {new StackTraceElement("Vendor", "call", "Vendor.java", 1)});
        log.warn("structured-failure", failure);

        List<Map<String, Object>> lines = output.getOut()
                .lines()
                .filter(l -> l.startsWith("{"))
                .map(this::json)
                .toList();
        Map<String, Object> message = lines.stream()
                .filter(l -> String.valueOf(l.get("message")).contains("structured-check"))
                .findFirst()
                .orElseThrow();
        assertThat(message).containsKeys("@timestamp", "ecs");
        assertThat(String.valueOf(message.get("message")))
                .contains("api_token=******")
                .doesNotContain(token);
        Map<String, Object> failed = lines.stream()
                .filter(l -> "structured-failure".equals(l.get("message")))
                .findFirst()
                .orElseThrow();
        assertThat(String.valueOf(failed.get("error")))
                .contains("IllegalStateException")
                .contains("******")
                .doesNotContain(token);
        assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void aRequestsLogLineCarriesItsTraceId(CapturedOutput output) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var cincopa = demo.simulators().stream()
                .filter(s -> s.vendor().equals("cincopa"))
                .findFirst()
                .orElseThrow();
        for (int i = 0; i < 4; i++) {
            cincopa.failNext();
        }
        web.get()
                .uri("/v1/connections/cincopa-demo/videos?limit=4")
                .header("Authorization", "Bearer demo-key")
                .header("Cache-Control", "no-cache")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus()
                .is5xxServerError();
        assertThat(output.getOut()
                        .lines()
                        .filter(l -> l.startsWith("{") && l.contains("failed:"))
                        .map(this::json))
                .anyMatch(l -> traceId.equals(l.get("traceId")));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(String line) {
        return JSON.readValue(line, Map.class);
    }
}
