package io.mediagate.helm;

import static io.mediagate.helm.ChartSupport.valuesFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NOTES.txt renders (client-only dry-run install) and tells the operator what matters. */
class NotesTest {

    static String notes(List<String> valuesFiles, String... sets) {
        InstallCommand cmd = ChartSupport.helm()
                .install()
                .withName(ChartSupport.RELEASE)
                .withNamespace("media")
                .clientOnly()
                .dryRun();
        for (String f : valuesFiles) {
            cmd = cmd.withValuesFile(valuesFile(f));
        }
        for (int i = 0; i + 1 < sets.length; i += 2) {
            cmd = cmd.set(sets[i], sets[i + 1]);
        }
        Release release = cmd.call();
        return release.getOutput();
    }

    @Test
    void notesListSecretEnvVarsAndClusterMode() {
        String out = notes(List.of("connections.yaml", "cluster.yaml"));
        assertThat(out)
                .contains("MEDIAGATE_CONN_CINCOPA_MAIN_API_TOKEN  <-  secret mediagate-secrets")
                .contains("Cluster mode")
                .contains("c3d-main, cincopa-main, parone-main, streamone-main");
    }

    @Test
    void notesWarnAboutReplicasWithoutRedisAndDemoMode() {
        assertThat(notes(List.of(), "replicaCount", "2")).contains("WARNING: more than one replica without Redis");
        assertThat(notes(List.of(), "demo.enabled", "true"))
                .contains("demo-key")
                .contains("DEMO MODE");
    }
}
