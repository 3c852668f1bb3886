package io.mediagate.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.GatewayTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The chart's alerts and dashboard query what the gateway really exports: every metric name they use is in a
 * live scrape (after traffic that creates the lazily registered ones), with every label they filter or group by.
 */
class ChartMetricNamesIT extends GatewayTestSupport {
    private static final Path CHART = Path.of("..", "helm", "mediagate");
    /** Only a gateway in cluster mode exports these; ClusterModeIT scrapes both while Redis is down. */
    private static final Set<String> CLUSTER_MODE_ONLY =
            Set.of("mediagate_cluster_redis_up", "mediagate_quota_fallback_total");
    /** Labels Prometheus adds at scrape time (ServiceMonitor targets), not the gateway. */
    private static final Set<String> TARGET_LABELS =
            Set.of("namespace", "service", "pod", "job", "instance", "container", "endpoint");

    private static final Pattern SELECTOR =
            Pattern.compile("\\b((?:mediagate|http_server_requests|resilience4j)_[a-z0-9_]+)(\\{([^}]*)})?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    private static final Pattern BY = Pattern.compile("by \\(([^)]*)\\)\\s*\\(\\s*(?:rate|increase)?\\(?"
            + "((?:mediagate|http_server_requests|resilience4j)_[a-z0-9_]+)");

    @Test
    void alertsAndDashboardUseExportedMetricsAndLabels() throws IOException {
        traffic();
        PrometheusTextLint scrape = PrometheusTextLint.parse(prometheus());
        Map<String, Set<String>> labelsByName = new TreeMap<>();
        scrape.families()
                .values()
                .forEach(f -> f.samples.forEach(s -> labelsByName
                        .computeIfAbsent(s.name(), k -> new HashSet<>())
                        .addAll(s.labels().keySet())));

        Map<String, Set<String>> used = new TreeMap<>();
        for (Path file : List.of(
                CHART.resolve("templates/prometheusrule.yaml"), CHART.resolve("files/grafana-dashboard.json"))) {
            // template actions ({{ ... }}) hold no metric names and would break the selector braces
            String text = Files.readString(file).replaceAll("\\{\\{.*?}}", "");
            Matcher m = SELECTOR.matcher(text);
            while (m.find()) {
                Set<String> labels = used.computeIfAbsent(m.group(1), k -> new HashSet<>());
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.add(l.group(1));
                    }
                }
            }
            Matcher by = BY.matcher(text);
            while (by.find()) {
                for (String label : by.group(1).split(",")) {
                    used.computeIfAbsent(by.group(2), k -> new HashSet<>()).add(label.trim());
                }
            }
        }
        assertThat(used)
                .containsKeys(
                        "mediagate_upstream_requests_total",
                        "mediagate_upstream_latency_seconds_bucket",
                        "mediagate_cache_requests_total",
                        "mediagate_quota_rejections_total",
                        "resilience4j_circuitbreaker_state",
                        "http_server_requests_seconds_bucket");
        used.forEach((name, labels) -> {
            if (CLUSTER_MODE_ONLY.contains(name)) {
                return;
            }
            if (scrape.families().containsKey(name) && !labelsByName.containsKey(name)) {
                return; // a histogram's family name, mentioned in an alert's description
            }
            assertThat(labelsByName.keySet())
                    .as("metric %s used by the chart", name)
                    .contains(name);
            Set<String> wanted = new HashSet<>(labels);
            wanted.removeAll(TARGET_LABELS);
            wanted.remove("le");
            assertThat(labelsByName.get(name)).as("labels of %s", name).containsAll(wanted);
        });
    }

    /** Creates the series that exist only once used: cache reads, quota rejections, circuit breakers. */
    private void traffic() {
        for (int i = 0; i < 2; i++) {
            web.get()
                    .uri("/v1/connections/fake-main/videos/fake00000001")
                    .header("Authorization", FULL)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        // fake-quota allows 10/s with a burst of 1 and waits at most 300 ms: 20 at once must see refusals
        List<Integer> statuses = Flux.fromStream(IntStream.range(0, 20).boxed())
                .flatMap(
                        i -> web.get()
                                .uri("/v1/connections/fake-quota/videos/fake00000001")
                                .header("Authorization", FULL)
                                .exchange()
                                .returnResult(byte[].class)
                                .getResponseBody()
                                .then(Mono.just(1))
                                .onErrorReturn(1),
                        20)
                .collectList()
                .block();
        assertThat(statuses).hasSize(20);
    }
}
