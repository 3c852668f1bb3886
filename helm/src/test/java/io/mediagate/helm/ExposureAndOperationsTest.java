package io.mediagate.helm;

import static io.mediagate.helm.ChartSupport.FULLNAME;
import static io.mediagate.helm.ChartSupport.list;
import static io.mediagate.helm.ChartSupport.map;
import static io.mediagate.helm.ChartSupport.path;
import static io.mediagate.helm.ChartSupport.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediagate.helm.ChartSupport.Rendered;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The chart's operations objects: management-port NetworkPolicy, Ingress, HTTPRoute, helm test, alerts, dashboard. */
class ExposureAndOperationsTest {
    private static final Map<String, Object> TEST_POD = Map.of(
            "app.kubernetes.io/name",
            "mediagate",
            "app.kubernetes.io/instance",
            "mg",
            "app.kubernetes.io/component",
            "test");

    @Test
    void prometheusReachesTheManagementPortOnlyAndOnlyWithTheServiceMonitor() {
        // README's "lock down the network, scrape metrics" values
        List<Map<String, Object>> ingress =
                list(render(List.of("hardened.yaml")).get("NetworkPolicy", FULLNAME), "spec.ingress");
        assertThat(ingress).hasSize(2);
        Map<String, Object> api = ingress.get(0);
        assertThat(list(api, "ports")).containsExactly(Map.of("protocol", "TCP", "port", 8080));
        assertThat(list(api, "from"))
                .hasSize(2)
                .anySatisfy(f -> assertThat(path(f, "namespaceSelector.matchLabels.kubernetes.io/metadata.name"))
                        .isEqualTo("media-apps"))
                .anySatisfy(f -> assertThat(map(f, "podSelector.matchLabels")).isEqualTo(TEST_POD));
        assertThat(list(api, "from")).noneMatch(f -> String.valueOf(f).contains("prometheus"));

        Map<String, Object> management = ingress.get(1);
        assertThat(list(management, "ports")).containsExactly(Map.of("protocol", "TCP", "port", 9090));
        assertThat(list(management, "from")).hasSize(2).anySatisfy(f -> {
            assertThat(path(f, "namespaceSelector.matchLabels.kubernetes.io/metadata.name"))
                    .isEqualTo("monitoring");
            assertThat(map(f, "podSelector.matchLabels")).containsEntry("app.kubernetes.io/name", "prometheus");
        });

        Rendered noMonitor = render(List.of("hardened.yaml"), "metrics.serviceMonitor.enabled", "false");
        List<Map<String, Object>> closed = list(noMonitor.get("NetworkPolicy", FULLNAME), "spec.ingress");
        assertThat(closed).hasSize(2);
        assertThat(list(closed.get(1), "from")).containsExactly(Map.of("podSelector", Map.of("matchLabels", TEST_POD)));

        Rendered custom = render(
                List.of("hardened.yaml"),
                "networkPolicy.prometheus.namespaceSelector.matchLabels.team",
                "observability");
        assertThat(String.valueOf(list(custom.get("NetworkPolicy", FULLNAME), "spec.ingress")
                        .get(1)))
                .contains("team=observability");
    }

    @Test
    void ingressRoutesTheApiPortOnly() {
        Rendered r = render(List.of("everything.yaml"));
        Map<String, Object> ing = r.get("Ingress", FULLNAME);
        assertThat(path(ing, "spec.ingressClassName")).isEqualTo("nginx");
        assertThat(path(ing, "spec.rules.0.host")).isEqualTo("media-api.example.com");
        assertThat(path(ing, "spec.rules.0.http.paths.0.path")).isEqualTo("/v1");
        assertThat(map(ing, "spec.rules.0.http.paths.0.backend.service"))
                .isEqualTo(Map.of("name", FULLNAME, "port", Map.of("name", "http")));
        assertThat(path(ing, "spec.tls.0.secretName")).isEqualTo("media-api-tls");
        assertThat(render().ofKind("Ingress")).isEmpty();
        assertThatThrownBy(() -> render("ingress.enabled", "true")).hasMessageContaining("ingress.hosts");
    }

    @Test
    void httpRouteAttachesToTheGivenGateway() {
        Map<String, Object> route = render(List.of("everything.yaml")).get("HTTPRoute", FULLNAME);
        assertThat(route.get("apiVersion")).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(map(route, "spec.parentRefs.0"))
                .containsEntry("name", "public-gateway")
                .containsEntry("namespace", "gateway-infra")
                .containsEntry("sectionName", "https");
        assertThat(list(route, "spec.hostnames")).containsExactly("media-api.example.com");
        assertThat(map(route, "spec.rules.0.matches.0.path")).isEqualTo(Map.of("type", "PathPrefix", "value", "/v1"));
        assertThat(map(route, "spec.rules.0.backendRefs.0")).isEqualTo(Map.of("name", FULLNAME, "port", 80));
        assertThatThrownBy(() -> render("httpRoute.enabled", "true")).hasMessageContaining("httpRoute.parentRefs");
    }

    @Test
    void helmTestChecksReadinessAndOneAuthenticatedCallInDemoMode() {
        Map<String, Object> demo =
                ChartSupport.renderTestHooks("demo.enabled", "true").get("Pod", FULLNAME + "-test");
        assertThat(map(demo, "metadata.labels")).isEqualTo(TEST_POD);
        assertThat(map(demo, "metadata.annotations")).containsEntry("mediagate.io/was-helm-hook", "test");
        String script = String.join("\n", list(demo, "spec.containers.0.args"));
        assertThat(script)
                .contains("$MANAGEMENT/actuator/health/readiness")
                .contains("Authorization: Bearer demo-key")
                .contains("$API/v1/connections");
        assertThat(list(demo, "spec.containers.0.env"))
                .contains(
                        Map.of("name", "MANAGEMENT", "value", "http://" + FULLNAME + "-management:9090"),
                        Map.of("name", "API", "value", "http://" + FULLNAME + ":80"));

        String plain = String.join(
                "\n", list(ChartSupport.renderTestHooks().get("Pod", FULLNAME + "-test"), "spec.containers.0.args"));
        assertThat(plain).doesNotContain("demo-key").contains("test \"$code\" = 401");
    }

    @Test
    @SuppressWarnings("unchecked")
    void alertsCoverTheOperatorsQuestions() {
        Map<String, Object> rule = render(List.of("everything.yaml")).get("PrometheusRule", FULLNAME);
        List<Map<String, Object>> rules = list(rule, "spec.groups").stream()
                .flatMap(g -> ((List<Map<String, Object>>) ((Map<String, Object>) g).get("rules")).stream())
                .toList();
        Map<String, String> exprs =
                rules.stream().collect(Collectors.toMap(r -> (String) r.get("alert"), r -> (String) r.get("expr")));
        assertThat(exprs)
                .containsOnlyKeys(
                        "MediagateVendorRateLimited",
                        "MediagateCircuitOpen",
                        "MediagateQuotaRejections",
                        "MediagateRedisDown",
                        "MediagateQuotaFallbackInUse",
                        "MediagateErrorRatio",
                        "MediagateP99OverSlo");
        assertThat(exprs.get("MediagateVendorRateLimited"))
                .contains("mediagate_upstream_requests_total")
                .contains("status=\"429\"")
                .endsWith("> 0");
        assertThat(exprs.get("MediagateCircuitOpen")).contains("resilience4j_circuitbreaker_state");
        assertThat(exprs.get("MediagateQuotaRejections"))
                .contains("mediagate_quota_rejections_total")
                .endsWith("> 0.1");
        assertThat(exprs.get("MediagateRedisDown")).contains("mediagate_cluster_redis_up");
        assertThat(exprs.get("MediagateQuotaFallbackInUse")).contains("mediagate_quota_fallback_total");
        assertThat(exprs.get("MediagateErrorRatio")).contains("status=~\"5..\"").endsWith("> 0.05");
        assertThat(exprs.get("MediagateP99OverSlo"))
                .contains("histogram_quantile(0.99")
                .contains("http_server_requests_seconds_bucket")
                .endsWith("> 1");
        // every alert reads this release's series only, and carries the extra labels
        assertThat(exprs.values())
                .allMatch(e -> e.contains("namespace=\"media\", service=\"" + FULLNAME + "-management\""));
        assertThat(rules)
                .allSatisfy(r -> assertThat(map(r, "labels"))
                        .containsEntry("team", "media")
                        .containsKey("severity"));
        assertThat(map(rule, "metadata.labels")).containsEntry("release", "prometheus");

        Map<String, Object> tuned = render(List.of("everything.yaml"), "metrics.prometheusRule.p99Seconds", "0.25")
                .get("PrometheusRule", FULLNAME);
        assertThat(String.valueOf(tuned)).contains("> 0.25");
        assertThat(render().ofKind("PrometheusRule")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void dashboardHasPanelsPerConnection() {
        Map<String, Object> cm = render(List.of("everything.yaml")).get("ConfigMap", FULLNAME + "-dashboard");
        assertThat(map(cm, "metadata.labels")).containsEntry("grafana_dashboard", "1");
        Map<String, Object> dash = new Yaml().load((String) path(cm, "data.mediagate.json"));
        List<Map<String, Object>> panels = (List<Map<String, Object>>) dash.get("panels");
        assertThat(panels).anySatisfy(p -> {
            assertThat(p).containsEntry("type", "row").containsEntry("repeat", "connection");
        });
        assertThat(panels)
                .extracting(p -> p.get("title"))
                .contains(
                        "Vendor calls by outcome",
                        "Quota use against limit",
                        "Cache hit ratio",
                        "Vendor latency p50 / p99",
                        "Circuit state");
        assertThat(String.valueOf(dash.get("templating")))
                .contains("label_values(mediagate_upstream_requests_total, connection)");
        assertThat(render().find("ConfigMap", FULLNAME + "-dashboard")).isEmpty();
    }

    @Test
    void podsSpreadByDefaultWhenMoreThanOneMayRun() {
        assertThat(path(render().gateway(), "spec.template.spec.topologySpreadConstraints"))
                .isNull();
        for (Rendered r : List.of(render("replicaCount", "3"), render("autoscaling.enabled", "true"))) {
            List<Map<String, Object>> spread = list(r.gateway(), "spec.template.spec.topologySpreadConstraints");
            assertThat(spread)
                    .extracting(s -> s.get("topologyKey"))
                    .containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
            assertThat(spread).allSatisfy(s -> {
                assertThat(s).containsEntry("maxSkew", 1).containsEntry("whenUnsatisfiable", "ScheduleAnyway");
                assertThat(map(s, "labelSelector.matchLabels")).containsEntry("app.kubernetes.io/component", "gateway");
            });
        }
        assertThat(path(
                        render("replicaCount", "3", "defaultTopologySpread", "false")
                                .gateway(),
                        "spec.template.spec.topologySpreadConstraints"))
                .isNull();
        List<Map<String, Object>> own = list(
                render(
                                "replicaCount",
                                "3",
                                "topologySpreadConstraints[0].maxSkew",
                                "2",
                                "topologySpreadConstraints[0].topologyKey",
                                "topology.kubernetes.io/zone",
                                "topologySpreadConstraints[0].whenUnsatisfiable",
                                "DoNotSchedule")
                        .gateway(),
                "spec.template.spec.topologySpreadConstraints");
        assertThat(own).singleElement().satisfies(s -> assertThat(s).containsEntry("maxSkew", 2));
    }
}
