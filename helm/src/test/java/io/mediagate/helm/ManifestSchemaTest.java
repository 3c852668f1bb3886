package io.mediagate.helm;

import static io.mediagate.helm.ChartSupport.render;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.helm.ChartSupport.Rendered;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every object the chart can render, in every optional combination, validates against the Kubernetes schemas
 * ({@link KubernetesSchemas}): core, apps, networking, policy, autoscaling, Gateway API and Prometheus operator.
 */
class ManifestSchemaTest {

    @Test
    void everyRenderedObjectMatchesItsKubernetesSchema() {
        List<Rendered> renders = List.of(
                render(),
                render(List.of("connections.yaml")),
                render(List.of("quickstart-secrets.yaml")),
                render(List.of("cluster.yaml", "hardened.yaml")),
                render(List.of("everything.yaml")),
                render(List.of("everything.yaml"), "autoscaling.enabled", "true", "demo.enabled", "true"),
                ChartSupport.renderTestHooks("demo.enabled", "true"));
        Set<String> kinds = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Rendered r : renders) {
            for (Map<String, Object> doc : r.docs) {
                kinds.add(doc.get("apiVersion") + "/" + doc.get("kind"));
                problems.addAll(KubernetesSchemas.validate(doc));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(kinds)
                .containsExactlyInAnyOrder(
                        "v1/ConfigMap",
                        "v1/Secret",
                        "v1/Service",
                        "v1/ServiceAccount",
                        "v1/Pod",
                        "apps/v1/Deployment",
                        "networking.k8s.io/v1/NetworkPolicy",
                        "networking.k8s.io/v1/Ingress",
                        "policy/v1/PodDisruptionBudget",
                        "autoscaling/v2/HorizontalPodAutoscaler",
                        "gateway.networking.k8s.io/v1/HTTPRoute",
                        "monitoring.coreos.com/v1/ServiceMonitor",
                        "monitoring.coreos.com/v1/PrometheusRule");
    }

    @Test
    void theValidatorCatchesWhatTheApiServerWouldRefuse() {
        Map<String, Object> deployment = render().gateway();
        assertThat(KubernetesSchemas.validate(deployment)).isEmpty();

        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
        spec.put("replicas", "two");
        spec.put("strategyy", Map.of());
        assertThat(KubernetesSchemas.validate(deployment))
                .hasSize(2)
                .anyMatch(p -> p.contains("replicas") && p.contains("string"))
                .anyMatch(p -> p.contains("strategyy"));

        Map<String, Object> service = render().get("Service", ChartSupport.FULLNAME);
        ChartSupport.map(service, "spec.ports.0").put("targetPort", List.of("http"));
        assertThat(KubernetesSchemas.validate(service))
                .singleElement()
                .satisfies(p -> assertThat(p).contains("targetPort"));
    }
}
