package io.mediagate.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates rendered manifests against the Kubernetes API's JSON schemas, offline: the fabric8 model jars on the
 * test classpath each ship {@code schema/validation-schema.json} (core, apps, networking, policy, autoscaling, the
 * Gateway API and the Prometheus operator's monitoring.coreos.com). Validation is strict like kubeconform's
 * {@code -strict}: an object's unknown field is an error (fabric8 allows any), IntOrString and Quantity accept
 * what the API server accepts (fabric8 models them as Java objects).
 */
final class KubernetesSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> DEFINITIONS = Map.ofEntries(
            Map.entry("v1/ConfigMap", "kubernetes_core_ConfigMap"),
            Map.entry("v1/Secret", "kubernetes_core_Secret"),
            Map.entry("v1/Service", "kubernetes_core_Service"),
            Map.entry("v1/ServiceAccount", "kubernetes_core_ServiceAccount"),
            Map.entry("v1/Pod", "kubernetes_core_Pod"),
            Map.entry("apps/v1/Deployment", "kubernetes_apps_Deployment"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "kubernetes_networking_v1_NetworkPolicy"),
            Map.entry("networking.k8s.io/v1/Ingress", "kubernetes_networking_v1_Ingress"),
            Map.entry("policy/v1/PodDisruptionBudget", "kubernetes_policy_v1_PodDisruptionBudget"),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", "kubernetes_autoscaling_v2_HorizontalPodAutoscaler"),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", "kubernetes_sigs_gatewayapi_v1_HTTPRoute"),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", "os_monitoring_v1_ServiceMonitor"),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", "os_monitoring_v1_PrometheusRule"));
    private static final ObjectNode ALL = load();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private KubernetesSchemas() {}

    /** Problems of one manifest; an apiVersion/kind without a schema here is a problem too. */
    static List<String> validate(Map<String, Object> manifest) {
        String key = manifest.get("apiVersion") + "/" + manifest.get("kind");
        String definition = DEFINITIONS.get(key);
        if (definition == null) {
            return List.of(key + ": no schema for this kind");
        }
        JsonSchema schema = SCHEMAS.computeIfAbsent(definition, KubernetesSchemas::schema);
        return schema.validate(JSON.valueToTree(manifest)).stream()
                .map(ValidationMessage::getMessage)
                .map(m -> key + " " + ChartSupport.path(manifest, "metadata.name") + ": " + m)
                .toList();
    }

    private static JsonSchema schema(String definition) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("$ref", "#/definitions/" + definition);
        root.set("definitions", ALL);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
    }

    private static ObjectNode load() {
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        try {
            Enumeration<URL> files =
                    KubernetesSchemas.class.getClassLoader().getResources("schema/validation-schema.json");
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    JsonNode defs = JSON.readTree(in).get("definitions");
                    defs.fields().forEachRemaining(e -> {
                        if (!all.has(e.getKey())) {
                            all.set(e.getKey(), e.getValue());
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!all.has("kubernetes_apps_Deployment") || !all.has("os_monitoring_v1_PrometheusRule")) {
            throw new IllegalStateException("fabric8 model schemas missing from the test classpath");
        }
        all.fields().forEachRemaining(e -> strict(e.getKey(), (ObjectNode) e.getValue(), all));
        return all;
    }

    private static void strict(String name, ObjectNode def, ObjectNode all) {
        if (name.endsWith("_IntOrString")) {
            all.set(
                    name,
                    JSON.createObjectNode()
                            .set("type", JSON.createArrayNode().add("integer").add("string")));
            return;
        }
        if (name.endsWith("_Quantity")) {
            all.set(
                    name,
                    JSON.createObjectNode()
                            .set("type", JSON.createArrayNode().add("string").add("number")));
            return;
        }
        if (name.endsWith("_MicroTime") || name.endsWith("_Time")) {
            all.set(name, JSON.createObjectNode().put("type", "string"));
            return;
        }
        tighten(def);
    }

    /** Every object schema with declared properties refuses undeclared ones (maps keep their value schema). */
    private static void tighten(JsonNode node) {
        if (node instanceof ObjectNode o) {
            JsonNode additional = o.get("additionalProperties");
            if (o.has("properties") && (additional == null || additional.isBoolean())) {
                o.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
                tighten(it.next());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(KubernetesSchemas::tighten);
        }
    }
}
