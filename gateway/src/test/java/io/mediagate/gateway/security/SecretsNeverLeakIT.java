package io.mediagate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.GatewayTestSupport;
import io.mediagate.sandbox.DemoConnection;
import io.mediagate.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Demo traffic on every vendor with DEBUG logging everywhere (HTTP clients, servers, simulators) and every
 * actuator endpoint exposed; then no configured secret may appear in the logs, in any response, in the
 * actuator's env or configprops, or in the metrics.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=DEBUG", "management.endpoints.web.exposure.include=*"})
@AutoConfigureWebTestClient
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakIT {
    private static final String KEY = "Bearer demo-key";

    @Autowired
    WebTestClient web;

    @LocalManagementPort
    int managementPort;

    @Autowired
    Sandbox sandbox;

    @Test
    void noSecretInLogsResponsesActuatorOrMetrics(CapturedOutput output) {
        List<String> secrets = new ArrayList<>();
        for (DemoConnection c : sandbox.demoConnections()) {
            c.credentials().forEach((name, value) -> {
                // settings and account identifiers, not secrets: vendors return account ids in their own data
                if (!Set.of("key-format", "authentication-type", "account", "customer")
                                .contains(name)
                        && value.length() >= 4) {
                    secrets.add(value);
                }
            });
        }
        secrets.add("demo-key");
        assertThat(secrets).hasSizeGreaterThan(1);

        StringBuilder responses = new StringBuilder();
        for (DemoConnection c : sandbox.demoConnections()) {
            String base = "/v1/connections/" + c.id();
            Map<String, Object> page = web.get()
                    .uri(base + "/videos?limit=2&include=raw")
                    .header("Authorization", KEY)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                    .returnResult()
                    .getResponseBody();
            responses.append(page);
            @SuppressWarnings("unchecked")
            String id = (String)
                    ((List<Map<String, Object>>) page.get("data")).get(0).get("id");
            responses.append(body(web.get().uri(base + "/videos/" + id + "?include=raw")));
            responses.append(body(web.patch()
                    .uri(base + "/videos/" + id)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"title\":\"leak check\"}")));
            responses.append(body(web.get().uri(base + "/videos/zzNotThere01")));
            responses.append(body(web.get().uri(base + "/raw/")));
            responses.append(body(web.post()
                    .uri(base + "/uploads")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"filename\":\"a.mp4\",\"content_type\":\"video/mp4\"}")));
        }
        responses.append(body(web.get().uri("/v1/connections")));
        WebTestClient actuator = GatewayTestSupport.management(managementPort);
        responses.append(body(actuator.get().uri("/actuator/env")));
        responses.append(body(actuator.get().uri("/actuator/configprops")));
        responses.append(body(actuator.get().uri("/actuator/prometheus")));
        responses.append(body(actuator.get().uri("/actuator/info")));
        assertThat(responses.toString())
                .contains("mediagate.clients[0].key-sha256")
                .contains("mediagate_upstream_requests");

        String logs = output.getAll();
        assertThat(logs).as("DEBUG logging was on").contains("DEBUG");
        for (String secret : secrets) {
            // the tail too: a secret masked only in part is still a leak
            String tail = secret.substring(secret.length() - Math.min(10, secret.length()));
            assertThat(logs).as("logs leak a secret").doesNotContain(secret).doesNotContain(tail);
            assertThat(responses.toString())
                    .as("responses leak a secret")
                    .doesNotContain(secret)
                    .doesNotContain(tail);
        }
    }

    private String body(WebTestClient.RequestHeadersSpec<?> request) {
        return String.valueOf(request.header("Authorization", KEY)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }
}
