package io.mediagate.helm;

import static io.mediagate.helm.ChartSupport.FULLNAME;
import static io.mediagate.helm.ChartSupport.list;
import static io.mediagate.helm.ChartSupport.map;
import static io.mediagate.helm.ChartSupport.path;
import static io.mediagate.helm.ChartSupport.render;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.helm.ChartSupport.Rendered;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NetworkPolicyAndMonitoringTest {

    static Rendered r;

    @BeforeAll
    static void renderHardened() {
        r = render(List.of("cluster.yaml", "hardened.yaml"));
    }

    @Test
    void gatewayEgressOnlyToDnsRedisAndVendorCidrs() {
        Map<String, Object> np = r.get("NetworkPolicy", FULLNAME);
        assertThat(list(np, "spec.policyTypes")).containsExactly("Ingress", "Egress");
        assertThat(map(np, "spec.podSelector.matchLabels")).containsEntry("app.kubernetes.io/component", "gateway");

        List<Map<String, Object>> egress = list(np, "spec.egress");
        assertThat(egress).hasSize(4);
        // DNS, UDP and TCP
        assertThat(path(egress.get(0), "to.0.namespaceSelector.matchLabels"))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "kube-system"));
        assertThat(list(egress.get(0), "ports"))
                .containsExactlyInAnyOrder(
                        Map.of("protocol", "UDP", "port", 53), Map.of("protocol", "TCP", "port", 53));
        // in-chart redis by pod selector
        assertThat(map(egress.get(1), "to.0.podSelector.matchLabels"))
                .containsEntry("app.kubernetes.io/component", "redis");
        assertThat(path(egress.get(1), "ports.0.port")).isEqualTo(6379);
        // vendors as CIDRs, default port 443
        assertThat(path(egress.get(2), "to.0.ipBlock.cidr")).isEqualTo("203.0.113.10/32");
        assertThat(path(egress.get(3), "to.0.ipBlock.cidr")).isEqualTo("198.51.100.0/24");
        assertThat(list(egress.get(3), "to.0.ipBlock.except")).containsExactly("198.51.100.128/25");
        assertThat(path(egress.get(3), "ports.0.port")).isEqualTo(443);

        assertThat(path(np, "spec.ingress.0.ports.0.port")).isEqualTo(8080);
        assertThat(path(np, "spec.ingress.0.from.0.namespaceSelector.matchLabels.kubernetes.io/metadata.name"))
                .isEqualTo("media-apps");
    }

    @Test
    void redisOnlyAcceptsTheGateway() {
        Map<String, Object> np = r.get("NetworkPolicy", FULLNAME + "-redis");
        assertThat(map(np, "spec.podSelector.matchLabels")).containsEntry("app.kubernetes.io/component", "redis");
        assertThat(map(np, "spec.ingress.0.from.0.podSelector.matchLabels"))
                .containsEntry("app.kubernetes.io/component", "gateway");
        assertThat(list(np, "spec.egress")).isEmpty();
    }

    @Test
    void externalRedisEgressByCidr() {
        Rendered ext = render(
                List.of("hardened.yaml"),
                "externalRedis.url",
                "redis://10.0.0.5:6379",
                "networkPolicy.redisEgress[0].cidr",
                "10.0.0.5/32",
                "networkPolicy.redisEgress[0].ports[0]",
                "6379");
        List<Map<String, Object>> egress = list(ext.get("NetworkPolicy", FULLNAME), "spec.egress");
        assertThat(egress).anySatisfy(e -> {
            assertThat(path(e, "to.0.ipBlock.cidr")).isEqualTo("10.0.0.5/32");
            assertThat(path(e, "ports.0.port")).isEqualTo(6379);
        });
        assertThat(ext.ofKind("NetworkPolicy")).hasSize(1);
    }

    @Test
    void serviceMonitorScrapesPrometheusEndpoint() {
        Map<String, Object> sm = r.get("ServiceMonitor", FULLNAME);
        assertThat(sm.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(map(sm, "metadata.labels")).containsEntry("release", "prometheus");
        assertThat(path(sm, "spec.endpoints.0.path")).isEqualTo("/actuator/prometheus");
        assertThat(path(sm, "spec.endpoints.0.port")).isEqualTo("management");
        assertThat(map(sm, "spec.selector.matchLabels")).containsEntry("mediagate.io/port", "management");
        assertThat(map(r.get("Service", FULLNAME + "-management"), "metadata.labels"))
                .containsEntry("mediagate.io/port", "management");
        assertThat(map(r.get("Service", FULLNAME), "metadata.labels")).doesNotContainKey("mediagate.io/port");
        assertThat(list(sm, "spec.namespaceSelector.matchNames")).containsExactly("media");
        assertThat(map(sm, "spec.selector.matchLabels")).containsEntry("app.kubernetes.io/component", "gateway");
    }
}
