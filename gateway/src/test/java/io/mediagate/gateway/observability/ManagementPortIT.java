package io.mediagate.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mediagate.gateway.GatewayTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;

/**
 * Actuator lives on the management port only: the API port answers its paths with a 404 problem, the management
 * port serves probes without auth, {@code /actuator/info} with build and git facts, and a Prometheus scrape that
 * passes promtool's rules ({@link PrometheusTextLint}; and {@code promtool check metrics} itself when installed).
 */
class ManagementPortIT extends GatewayTestSupport {
    /**
     * Meters registered outside this feature's files whose help text their owners add (quota, cache): reported,
     * not failed, until they land. Every other mediagate_* family must have help text.
     */
    private static final Set<String> HELP_OWNED_ELSEWHERE = Set.of();

    @LocalServerPort
    int apiPort;

    @Test
    void actuatorIsNotServedOnTheApiPort() throws Exception {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/env", "/actuator")) {
            String answer = rawGet(apiPort, path);
            assertThat(answer)
                    .as(path)
                    .startsWith("HTTP/1.1 404")
                    .contains("application/problem+json")
                    .doesNotContain("mediagate_upstream")
                    .doesNotContain("\"UP\"");
        }
        assertThat(rawGet(managementPort, "/actuator/health/readiness")).startsWith("HTTP/1.1 200");
    }

    @Test
    void probesAnswerOnTheManagementPortWithoutAuth() {
        management()
                .get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        management()
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void infoCarriesBuildAndGitFacts() {
        Map<String, Object> info = management()
                .get()
                .uri("/actuator/info")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        Map<String, Object> build = (Map<String, Object>) info.get("build");
        assertThat(build).containsEntry("artifact", "mediagate-gateway").containsKeys("version", "time");
        assumeTrue(
                getClass().getResource("/git.properties") != null,
                "built outside a git checkout: no git.properties, so no git section");
        Map<String, Object> git = (Map<String, Object>) info.get("git");
        assertThat(git).containsKeys("branch");
        assertThat((Map<String, Object>) git.get("commit")).containsKey("id");
    }

    @Test
    void scrapePassesPrometheusRules() {
        traffic();
        String scrape = prometheus();
        PrometheusTextLint lint = PrometheusTextLint.parse(scrape);
        List<String> mediagate =
                lint.problems().stream().filter(p -> p.startsWith("mediagate_")).toList();
        List<String> ours = mediagate.stream()
                .filter(p -> !(p.endsWith(": no help text")
                        && HELP_OWNED_ELSEWHERE.contains(p.substring(0, p.indexOf(':')))))
                .toList();
        if (ours.size() < mediagate.size()) {
            System.out.println("help text still missing, owned by other features: " + mediagate);
        }
        assertThat(ours).as("promtool problems of mediagate_* meters").isEmpty();
        assertThat(lint.problems())
                .as("format errors and camelCase labels anywhere in the scrape")
                .noneMatch(p -> p.startsWith("line ")
                        || p.contains("camelCase")
                        || p.contains("duplicate")
                        || p.contains("not contiguous")
                        || p.contains("no le=")
                        || p.contains("not cumulative")
                        || p.contains("_count differs")
                        || p.contains("no _count")
                        || p.contains("no _sum")
                        || p.contains("without buckets")
                        || p.contains("bucket without le"));
        assertThat(scrape).doesNotContain("spring_cloud_gateway_requests");
    }

    @Test
    void latencyMetricsAreHistogramsWithTheConfiguredBuckets() {
        traffic();
        PrometheusTextLint lint = PrometheusTextLint.parse(prometheus());
        assertThat(lint.families().get("http_server_requests_seconds").type).isEqualTo("histogram");
        assertThat(lint.families().get("mediagate_upstream_latency_seconds").type)
                .isEqualTo("histogram");
        assertThat(lint.samples("mediagate_upstream_latency_seconds_bucket"))
                .filteredOn(s -> "fake-main".equals(s.labels().get("connection")))
                .extracting(s -> s.labels().get("le"))
                .contains("0.005", "0.25", "10.0", "30.0", "+Inf");
        assertThat(lint.samples("http_server_requests_seconds_bucket"))
                .extracting(s -> s.labels().get("le"))
                .contains("0.001", "0.0025", "0.1", "+Inf");
    }

    /** One long-task timer started and stopped per request cost ~9 % of the cached-read throughput. */
    @Test
    void observationsRecordNoLongTaskTimers() {
        traffic();
        assertThat(PrometheusTextLint.parse(prometheus()).families().keySet())
                .contains("http_server_requests_seconds")
                .noneMatch(name -> name.endsWith("_active_seconds"));
    }

    @Test
    void buildInfoAndUpstreamSeriesExistFromStartUp() {
        PrometheusTextLint lint = PrometheusTextLint.parse(prometheus());
        assertThat(lint.samples("mediagate_build_info")).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo(1.0);
            assertThat(s.labels()).containsEntry("version", "0.1.0-SNAPSHOT").containsKeys("commit", "branch");
        });
        // every configured connection, used by a test or not, has its vendor-429 series at start-up
        for (String connection : List.of("fake-main", "fake-basic", "fake-quota", "fake-circuit", "fake-cache")) {
            assertThat(lint.samples("mediagate_upstream_requests_total"))
                    .as(connection)
                    .anyMatch(s -> connection.equals(s.labels().get("connection"))
                            && "429".equals(s.labels().get("status"))
                            && "rate-limited".equals(s.labels().get("outcome")));
        }
        // every connection's cache outcomes, at 0 before any read
        for (String connection : List.of("fake-main", "fake-basic", "fake-quota", "fake-circuit", "fake-cache")) {
            assertThat(lint.samples("mediagate_cache_requests_total"))
                    .as(connection)
                    .anyMatch(s -> connection.equals(s.labels().get("connection"))
                            && "hit".equals(s.labels().get("result")));
        }
        // and every configured client key its rejection counter
        for (String client : List.of("full", "reader", "tiny")) {
            assertThat(lint.samples("mediagate_inbound_rejections_total"))
                    .as(client)
                    .anyMatch(s -> client.equals(s.labels().get("client")));
        }
    }

    @Test
    void promtoolFindsNothingInMediagateMeters() throws Exception {
        String promtool = onPath("promtool");
        assumeTrue(promtool != null, "promtool is not installed (Debian: apt-get install prometheus); skipped");
        traffic();
        Process p = new ProcessBuilder(promtool, "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(prometheus().getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> lines =
                Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
        System.out.println("promtool check metrics:\n" + out);
        assertThat(lines)
                .as("promtool on mediagate_* meters")
                .noneMatch(l -> l.startsWith("mediagate_")
                        && !(l.contains("no help text") && HELP_OWNED_ELSEWHERE.contains(l.split(" ")[0])))
                .noneMatch(l -> l.contains("camelCase"))
                .noneMatch(l -> l.startsWith("error while linting"));
    }

    private void traffic() {
        web.get()
                .uri("/v1/connections/fake-main/videos?limit=2")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/v1/connections/fake-main/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/v1/connections/fake-main/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/v1/connections/nope/videos")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private static String rawGet(int port, String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static String onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, tool);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
