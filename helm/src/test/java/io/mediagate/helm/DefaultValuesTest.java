package io.mediagate.helm;

import static io.mediagate.helm.ChartSupport.FULLNAME;
import static io.mediagate.helm.ChartSupport.list;
import static io.mediagate.helm.ChartSupport.map;
import static io.mediagate.helm.ChartSupport.path;
import static io.mediagate.helm.ChartSupport.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediagate.helm.ChartSupport.Rendered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DefaultValuesTest {

    static Rendered defaults;

    @BeforeAll
    static void renderDefaults() {
        defaults = render();
    }

    static String env(Map<String, Object> container, String name) {
        List<Map<String, Object>> env = list(container, "env");
        return env.stream()
                .filter(e -> name.equals(e.get("name")))
                .map(e -> (String) e.get("value"))
                .findFirst()
                .orElse(null);
    }

    @Test
    void rendersOnlyTheCoreObjects() {
        assertThat(defaults.docs)
                .extracting(d -> d.get("kind"))
                .containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Service", "Deployment");
        assertThat(path(defaults.gateway(), "spec.replicas")).isEqualTo(1);
        assertThat(path(defaults.get("Service", FULLNAME), "spec.ports.0.targetPort"))
                .isEqualTo("http");
        assertThat(path(defaults.get("ServiceAccount", FULLNAME), "automountServiceAccountToken"))
                .isEqualTo(false);
    }

    @Test
    void probesUseTheActuatorGroupsOnTheManagementPort() {
        Map<String, Object> c = defaults.gatewayContainer();
        assertThat(path(c, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(path(c, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat(path(c, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(path(c, probe + ".httpGet.port")).as(probe).isEqualTo("management");
        }
        assertThat(list(c, "ports"))
                .containsExactly(
                        Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"),
                        Map.of("name", "management", "containerPort", 9090, "protocol", "TCP"));
        assertThat(path(defaults.applicationConfig(), "management.server.port")).isEqualTo(9090);
        // the API Service never routes to the management port; a Service of its own does
        List<Map<String, Object>> apiPorts = list(defaults.get("Service", FULLNAME), "spec.ports");
        assertThat(apiPorts).extracting(p -> p.get("targetPort")).containsExactly("http");
        assertThat(path(defaults.get("Service", FULLNAME + "-management"), "spec.ports.0.targetPort"))
                .isEqualTo("management");
    }

    @Test
    void podIsLockedDown() {
        Map<String, Object> pod = map(defaults.gateway(), "spec.template.spec");
        assertThat(path(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(path(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(path(pod, "automountServiceAccountToken")).isEqualTo(false);

        Map<String, Object> sc = map(defaults.gatewayContainer(), "securityContext");
        assertThat(sc)
                .containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("runAsNonRoot", true);
        assertThat(list(sc, "capabilities.drop")).containsExactly("ALL");
        assertThat(path(sc, "seccompProfile.type")).isEqualTo("RuntimeDefault");

        // read-only root fs: /tmp is an emptyDir
        List<Map<String, Object>> mounts = list(defaults.gatewayContainer(), "volumeMounts");
        assertThat(mounts)
                .anySatisfy(m -> assertThat(m).containsEntry("name", "tmp").containsEntry("mountPath", "/tmp"));
        List<Map<String, Object>> volumes = list(pod, "volumes");
        assertThat(volumes).anySatisfy(v -> {
            assertThat(v).containsEntry("name", "tmp");
            assertThat(v).containsKey("emptyDir");
        });
    }

    @Test
    void resourcesAndJvmSizing() {
        Map<String, Object> c = defaults.gatewayContainer();
        assertThat(map(c, "resources.requests")).containsKeys("cpu", "memory");
        assertThat(map(c, "resources.limits")).containsKeys("cpu", "memory");
        String jto = env(c, "JAVA_TOOL_OPTIONS");
        assertThat(jto).contains("-XX:MaxRAMPercentage=65").contains("-Dreactor.netty.ioWorkerCount=2");
        assertThat(jto)
                .contains("-Xss512k")
                .contains("-XX:ReservedCodeCacheSize=64m")
                .contains("-XX:MaxMetaspaceSize=256m")
                .contains("-XX:TrimNativeHeapInterval=2000")
                .contains("-XX:+UseSerialGC");
        assertThat(env(render("gateway.jvm.gc", "G1GC").gatewayContainer(), "JAVA_TOOL_OPTIONS"))
                .contains("-XX:+UseG1GC")
                .doesNotContain("SerialGC");
        assertThat(env(render("gateway.jvm.gc", "").gatewayContainer(), "JAVA_TOOL_OPTIONS"))
                .doesNotContain("GC");
        assertThat(jto).contains("-Dspring.aot.enabled=true");
        assertThat(env(render("gateway.jvm.springAot", "false").gatewayContainer(), "JAVA_TOOL_OPTIONS"))
                .doesNotContain("spring.aot");
    }

    /** The chart replaces the image's JAVA_TOOL_OPTIONS: it must carry every flag the Dockerfile sets. */
    @Test
    void javaToolOptionsCarryTheImageFlags() throws IOException {
        String dockerfile = Files.readString(Path.of("..", "gateway", "Dockerfile"));
        Matcher line = Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"(.*)\"$").matcher(dockerfile);
        assertThat(line.find())
                .as("ENV JAVA_TOOL_OPTIONS in gateway/Dockerfile")
                .isTrue();
        List<String> chart =
                List.of(env(defaults.gatewayContainer(), "JAVA_TOOL_OPTIONS").split(" "));
        assertThat(chart).containsAll(List.of(line.group(1).split(" ")));
    }

    @Test
    void ioWorkerCountFollowsTheCpuLimit() {
        assertThat(env(render("resources.limits.cpu", "500m").gatewayContainer(), "JAVA_TOOL_OPTIONS"))
                .contains("-Dreactor.netty.ioWorkerCount=1");
        assertThat(env(render("resources.limits.cpu", "2500m").gatewayContainer(), "JAVA_TOOL_OPTIONS"))
                .contains("-Dreactor.netty.ioWorkerCount=3");
        assertThat(env(render("gateway.ioWorkerCount", "6").gatewayContainer(), "JAVA_TOOL_OPTIONS"))
                .contains("-Dreactor.netty.ioWorkerCount=6");
        assertThat(env(render("gateway.ioWorkerCount", "").gatewayContainer(), "JAVA_TOOL_OPTIONS"))
                .doesNotContain("ioWorkerCount");
        assertThat(env(render("resources.limits.cpu", "null").gatewayContainer(), "JAVA_TOOL_OPTIONS"))
                .doesNotContain("ioWorkerCount");
    }

    @Test
    void gracefulShutdownOutlastsTheSpringTimeout() {
        Map<String, Object> cfg = defaults.applicationConfig();
        assertThat(path(cfg, "server.shutdown")).isEqualTo("graceful");
        assertThat(path(cfg, "spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("20s");
        assertThat(path(defaults.gatewayContainer(), "lifecycle.preStop.exec.command"))
                .isEqualTo(List.of("sleep", "5"));
        assertThat((Integer) path(defaults.gateway(), "spec.template.spec.terminationGracePeriodSeconds"))
                .isGreaterThan(20 + 5);

        Rendered longer = render("gateway.shutdownTimeoutSeconds", "45");
        assertThat(path(longer.applicationConfig(), "spring.lifecycle.timeout-per-shutdown-phase"))
                .isEqualTo("45s");
        assertThat((Integer) path(longer.gateway(), "spec.template.spec.terminationGracePeriodSeconds"))
                .isGreaterThan(45 + 5);

        assertThatThrownBy(() -> render("gateway.terminationGracePeriodSeconds", "20"))
                .hasMessageContaining("gateway.terminationGracePeriodSeconds");
    }

    @Test
    void configMapIsMountedAndPointedAt() {
        Map<String, Object> c = defaults.gatewayContainer();
        assertThat(env(c, "SPRING_CONFIG_ADDITIONAL_LOCATION")).isEqualTo("optional:file:/config/");
        List<Map<String, Object>> mounts = list(c, "volumeMounts");
        assertThat(mounts)
                .anySatisfy(m -> assertThat(m).containsEntry("name", "config").containsEntry("mountPath", "/config"));
        assertThat(path(defaults.gateway(), "spec.template.metadata.annotations.checksum/config"))
                .isNotNull();
        assertThat(path(defaults.applicationConfig(), "mediagate.defaults.quota.max-wait"))
                .isEqualTo("2s");
        // nothing configured: no empty sections that could shadow the app's own defaults
        assertThat(map(defaults.applicationConfig(), "mediagate")).doesNotContainKeys("connections", "clients");
        assertThat(env(c, "SPRING_PROFILES_ACTIVE")).isNull();
    }

    @Test
    void demoModeActivatesTheDemoProfile() {
        Rendered demo = render("demo.enabled", "true", "springProfiles[0]", "json-logs");
        assertThat(env(demo.gatewayContainer(), "SPRING_PROFILES_ACTIVE")).isEqualTo("demo,json-logs");
    }

    @Test
    void demoModeRunsTheDemoImageBecauseTheProductionOneHasNoSimulators() {
        assertThat((String) render("demo.enabled", "true", "image.tag", "0.2.0")
                        .gatewayContainer()
                        .get("image"))
                .endsWith(":0.2.0-demo");
        assertThat((String) render("demo.enabled", "true", "image.tag", "0.2.0-demo")
                        .gatewayContainer()
                        .get("image"))
                .endsWith(":0.2.0-demo");
        assertThat((String) render("image.tag", "0.2.0").gatewayContainer().get("image"))
                .endsWith(":0.2.0");
    }

    @Test
    void configChecksumChangesWhenConnectionsChange() {
        Rendered a = render(List.of("connections.yaml"));
        Rendered b = render(List.of("connections.yaml"), "mediagate.connections.cincopa-main.quota.limit", "301");
        Rendered c = render(List.of("connections.yaml"));
        Object sumA = path(a.gateway(), "spec.template.metadata.annotations.checksum/config");
        assertThat(path(c.gateway(), "spec.template.metadata.annotations.checksum/config"))
                .isEqualTo(sumA);
        assertThat(path(b.gateway(), "spec.template.metadata.annotations.checksum/config"))
                .isNotEqualTo(sumA);
        assertThat(path(b.applicationConfig(), "mediagate.connections.cincopa-main.quota.limit"))
                .isEqualTo(301);
    }

    @Test
    void noAutoscalerOrBudgetForASingleReplica() {
        assertThat(defaults.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(defaults.ofKind("PodDisruptionBudget")).isEmpty();
        assertThat(defaults.ofKind("NetworkPolicy")).isEmpty();
        assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();
        assertThat(defaults.ofKind("Secret")).isEmpty();
    }
}
