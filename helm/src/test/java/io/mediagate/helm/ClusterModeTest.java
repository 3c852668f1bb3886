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
import org.junit.jupiter.api.Test;

class ClusterModeTest {

    static final String REDIS = FULLNAME + "-redis";

    @Test
    void threeReplicasWithInChartRedis() {
        Rendered r = render(List.of("cluster.yaml"));
        assertThat(path(r.gateway(), "spec.replicas")).isEqualTo(3);

        Map<String, Object> cfg = r.applicationConfig();
        assertThat(path(cfg, "mediagate.cluster.redis-url")).isEqualTo("redis://" + REDIS + ":6379");
        assertThat(path(cfg, "mediagate.cluster.replicas")).isEqualTo(3);

        Map<String, Object> redis = r.get("Deployment", REDIS);
        assertThat(path(redis, "spec.replicas")).isEqualTo(1);
        assertThat(path(redis, "spec.template.spec.securityContext.runAsNonRoot"))
                .isEqualTo(true);
        assertThat((Integer) path(redis, "spec.template.spec.securityContext.runAsUser"))
                .isPositive();
        Map<String, Object> rc = list(redis, "spec.template.spec.containers").stream()
                .map(o -> (Map<String, Object>) o)
                .findFirst()
                .orElseThrow();
        assertThat(path(rc, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(path(rc, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(map(rc, "resources")).containsKeys("requests", "limits");
        assertThat(path(r.get("Service", REDIS), "spec.ports.0.port")).isEqualTo(6379);
        // the gateway Service must not select the Redis pod and vice versa
        assertThat(map(r.get("Service", FULLNAME), "spec.selector"))
                .containsEntry("app.kubernetes.io/component", "gateway");
        assertThat(map(r.get("Service", REDIS), "spec.selector")).containsEntry("app.kubernetes.io/component", "redis");

        Map<String, Object> pdb = r.get("PodDisruptionBudget", FULLNAME);
        assertThat(path(pdb, "spec.maxUnavailable")).isEqualTo(1);
        assertThat(map(pdb, "spec.selector.matchLabels")).containsEntry("app.kubernetes.io/component", "gateway");
    }

    @Test
    void autoscalingBoundsAndFallbackReplicaCount() {
        Rendered r = render(
                List.of("cluster.yaml"),
                "autoscaling.enabled",
                "true",
                "autoscaling.minReplicas",
                "2",
                "autoscaling.maxReplicas",
                "5");
        Map<String, Object> hpa = r.get("HorizontalPodAutoscaler", FULLNAME);
        assertThat(path(hpa, "spec.minReplicas")).isEqualTo(2);
        assertThat(path(hpa, "spec.maxReplicas")).isEqualTo(5);
        assertThat(path(hpa, "spec.scaleTargetRef.name")).isEqualTo(FULLNAME);
        assertThat(path(hpa, "spec.metrics.0.resource.name")).isEqualTo("cpu");
        // the HPA owns the replica count
        assertThat(map(r.gateway(), "spec")).doesNotContainKey("replicas");
        // without Redis each pod takes limit / (most pods that can exist)
        assertThat(path(r.applicationConfig(), "mediagate.cluster.replicas")).isEqualTo(5);
        assertThat(r.find("PodDisruptionBudget", FULLNAME)).isPresent();

        assertThatThrownBy(() -> render(
                        "autoscaling.enabled", "true", "autoscaling.minReplicas", "4", "autoscaling.maxReplicas", "2"))
                .hasMessageContaining("autoscaling.minReplicas");
    }

    @Test
    void externalRedisByUrlOrSecret() {
        Rendered byUrl = render("replicaCount", "2", "externalRedis.url", "redis://redis.infra:6379");
        assertThat(path(byUrl.applicationConfig(), "mediagate.cluster.redis-url"))
                .isEqualTo("redis://redis.infra:6379");
        assertThat(byUrl.find("Deployment", REDIS)).isEmpty();

        Rendered bySecret = render("externalRedis.existingSecret", "redis-auth");
        assertThat(path(bySecret.applicationConfig(), "mediagate.cluster.redis-url"))
                .isEqualTo("${MEDIAGATE_CLUSTER_REDIS_URL}");
        assertThat(SecretsTest.secretEnv(bySecret))
                .containsEntry("MEDIAGATE_CLUSTER_REDIS_URL", List.of("redis-auth", "redis-url"));
    }

    @Test
    void singleReplicaHasNoRedisUrlAndNoBudget() {
        Rendered r = render();
        assertThat(map(r.applicationConfig(), "mediagate.cluster")).doesNotContainKey("redis-url");
        assertThat(r.ofKind("PodDisruptionBudget")).isEmpty();
    }
}
