package io.mediagate.helm;

import static io.mediagate.helm.ChartSupport.FULLNAME;
import static io.mediagate.helm.ChartSupport.list;
import static io.mediagate.helm.ChartSupport.map;
import static io.mediagate.helm.ChartSupport.path;
import static io.mediagate.helm.ChartSupport.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediagate.helm.ChartSupport.Rendered;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vendor credentials and client key hashes: Secret -> env var -> ${placeholder} in the ConfigMap. */
class SecretsTest {

    /** env var name -> [secret name, secret key] */
    static Map<String, List<String>> secretEnv(Rendered r) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<Map<String, Object>> env = list(r.gatewayContainer(), "env");
        for (Map<String, Object> e : env) {
            Map<String, Object> ref = map(e, "valueFrom.secretKeyRef");
            if (ref != null) {
                out.put((String) e.get("name"), List.of((String) ref.get("name"), (String) ref.get("key")));
            }
        }
        return out;
    }

    @Test
    void existingSecretFeedsDeterministicEnvVarsAndPlaceholders() {
        Rendered r = render(List.of("connections.yaml"));

        assertThat(secretEnv(r))
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry(
                                "MEDIAGATE_CONN_C3D_MAIN_API_KEY",
                                List.of("mediagate-secrets", "MEDIAGATE_CONN_C3D_MAIN_API_KEY")),
                        Map.entry(
                                "MEDIAGATE_CONN_CINCOPA_MAIN_API_TOKEN",
                                List.of("mediagate-secrets", "MEDIAGATE_CONN_CINCOPA_MAIN_API_TOKEN")),
                        Map.entry(
                                "MEDIAGATE_CONN_PARONE_MAIN_API_KEY",
                                List.of("mediagate-secrets", "MEDIAGATE_CONN_PARONE_MAIN_API_KEY")),
                        Map.entry(
                                "MEDIAGATE_CONN_PARONE_MAIN_API_SECRET",
                                List.of("mediagate-secrets", "parone-api-secret")),
                        Map.entry("MEDIAGATE_CONN_PARONE_MAIN_MMI_KEY", List.of("parone-mmi", "key")),
                        Map.entry(
                                "MEDIAGATE_CONN_PARONE_MAIN_SYNC_CODE",
                                List.of("mediagate-secrets", "MEDIAGATE_CONN_PARONE_MAIN_SYNC_CODE")),
                        Map.entry(
                                "MEDIAGATE_CONN_STREAMONE_MAIN_ACCOUNT",
                                List.of("mediagate-secrets", "MEDIAGATE_CONN_STREAMONE_MAIN_ACCOUNT")),
                        Map.entry(
                                "MEDIAGATE_CONN_STREAMONE_MAIN_ACTOR_ID",
                                List.of("mediagate-secrets", "MEDIAGATE_CONN_STREAMONE_MAIN_ACTOR_ID")),
                        Map.entry(
                                "MEDIAGATE_CONN_STREAMONE_MAIN_PSK",
                                List.of("mediagate-secrets", "MEDIAGATE_CONN_STREAMONE_MAIN_PSK")),
                        Map.entry(
                                "MEDIAGATE_CLIENT_REPORTING_SERVICE_KEY_SHA256",
                                List.of("mediagate-secrets", "MEDIAGATE_CLIENT_REPORTING_SERVICE_KEY_SHA256")),
                        Map.entry(
                                "MEDIAGATE_CLIENT_INGEST_BOT_KEY_SHA256",
                                List.of("mediagate-secrets", "ingest-bot-hash"))));

        Map<String, Object> cfg = r.applicationConfig();
        assertThat(path(cfg, "mediagate.connections.cincopa-main.credentials.api-token"))
                .isEqualTo("${MEDIAGATE_CONN_CINCOPA_MAIN_API_TOKEN}");
        assertThat(path(cfg, "mediagate.connections.cincopa-main.base-url")).isEqualTo("https://api.cincopa.com/v2");
        assertThat(path(cfg, "mediagate.connections.cincopa-main.vendor")).isEqualTo("cincopa");
        assertThat(path(cfg, "mediagate.connections.parone-main.credentials.api-secret"))
                .isEqualTo("${MEDIAGATE_CONN_PARONE_MAIN_API_SECRET}");
        assertThat(path(cfg, "mediagate.connections.parone-main.quota.max-wait"))
                .isEqualTo("1s");
        // explicitly non-secret settings are rendered as they are
        assertThat(path(cfg, "mediagate.connections.c3d-main.credentials.key-format"))
                .isEqualTo("orgkey");
        assertThat(path(cfg, "mediagate.connections.c3d-main.options.project-id"))
                .isEqualTo(4242);
        assertThat(path(cfg, "mediagate.connections.streamone-main.credentials.authentication-type"))
                .isEqualTo("application");

        List<Map<String, Object>> clients = list(cfg, "mediagate.clients");
        assertThat(clients).hasSize(2);
        assertThat(clients.get(0))
                .containsEntry("id", "reporting-service")
                .containsEntry("key-sha256", "${MEDIAGATE_CLIENT_REPORTING_SERVICE_KEY_SHA256}")
                .containsEntry("scopes", List.of("videos:read"))
                .containsEntry("connections", List.of("cincopa-main"));
        assertThat(clients.get(1)).containsEntry("connections", List.of("*"));

        // the chart creates no Secret when everything comes from existing ones
        assertThat(r.ofKind("Secret")).isEmpty();
    }

    @Test
    void quickStartValuesGoIntoAChartSecretNeverIntoAConfigMap() {
        Rendered r = render(List.of("quickstart-secrets.yaml"));
        Map<String, Object> secret = r.get("Secret", FULLNAME);
        Map<String, Object> data = map(secret, "data");
        assertThat(decode(data.get("MEDIAGATE_CONN_CINCOPA_MAIN_API_TOKEN"))).isEqualTo("super-secret-cincopa-token");
        assertThat(decode(data.get("MEDIAGATE_CLIENT_REPORTING_SERVICE_KEY_SHA256")))
                .startsWith("4f0c");
        assertThat(secretEnv(r))
                .containsEntry(
                        "MEDIAGATE_CONN_CINCOPA_MAIN_API_TOKEN",
                        List.of(FULLNAME, "MEDIAGATE_CONN_CINCOPA_MAIN_API_TOKEN"));

        for (Map<String, Object> cm : r.ofKind("ConfigMap")) {
            String all = String.valueOf(cm.get("data"));
            assertThat(all).doesNotContain("super-secret-cincopa-token").doesNotContain("deadbeef");
        }
        assertThat(r.applicationYaml()).contains("${MEDIAGATE_CONN_CINCOPA_MAIN_API_TOKEN}");
        // nowhere else in plain text either (the Secret holds it base64-encoded)
        assertThat(r.yaml).doesNotContain("super-secret-cincopa-token");

        // rotating a quick-start secret rolls the pods
        Rendered rotated = render(
                List.of("quickstart-secrets.yaml"),
                "mediagate.connections.cincopa-main.credentials.api-token.value",
                "rotated-token");
        assertThat(path(rotated.gateway(), "spec.template.metadata.annotations.checksum/secret"))
                .isNotEqualTo(path(r.gateway(), "spec.template.metadata.annotations.checksum/secret"));
    }

    @Test
    void noSecretValueInAnyConfigMapWithExistingSecret() {
        Rendered r = render(List.of("connections.yaml"));
        for (Map<String, Object> cm : r.ofKind("ConfigMap")) {
            Map<String, Object> cfg = r.applicationConfig();
            Map<String, Object> conns = map(cfg, "mediagate.connections");
            conns.forEach((id, c) -> map(c, "credentials").forEach((name, v) -> {
                if (!List.of("key-format", "authentication-type").contains(name)) {
                    assertThat((String) v)
                            .as("%s.%s in ConfigMap %s", id, name, path(cm, "metadata.name"))
                            .matches("\\$\\{MEDIAGATE_CONN_[A-Z0-9_]+}");
                }
            }));
        }
    }

    @Test
    void aCredentialWithoutAnySecretSourceFailsNamingIt() {
        assertThatThrownBy(() -> render(List.of("connections.yaml"), "secrets.existingSecret", ""))
                .hasMessageContaining("mediagate.connections.")
                .hasMessageContaining("secrets.existingSecret");
    }

    @Test
    void aBareStringCredentialIsRejected() {
        assertThatThrownBy(() -> render(List.of("bare-credential.yaml")))
                .hasMessageContaining("api-token")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("plain-text-token-oops"));
    }

    @Test
    void plainIsNotAllowedForClientKeyHashes() {
        assertThatThrownBy(() -> render(List.of("connections.yaml"), "mediagate.clients[0].key-sha256.plain", "abc"))
                .hasMessageContaining("key-sha256");
    }

    @Test
    void envVarNameCollisionsFail() {
        assertThatThrownBy(() -> render(
                        List.of("connections.yaml"),
                        "mediagate.connections.cincopa_main.vendor",
                        "cincopa",
                        "mediagate.connections.cincopa_main.credentials.api-token.secretKey",
                        "x"))
                .hasMessageContaining("MEDIAGATE_CONN_CINCOPA_MAIN_API_TOKEN");
    }

    private static String decode(Object b64) {
        return new String(Base64.getDecoder().decode((String) b64), StandardCharsets.UTF_8);
    }
}
