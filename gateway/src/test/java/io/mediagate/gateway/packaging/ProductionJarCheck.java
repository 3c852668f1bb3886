package io.mediagate.gateway.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The built jars, inspected after {@code package} (failsafe, in {@code verify}): the production jar carries the
 * gateway and the four adapters but no vendor simulator, no WireMock and no demo configuration; the demo jar is
 * the same gateway with them.
 */
class ProductionJarCheck {
    private static final Path TARGET = Path.of(System.getProperty("jars.dir", "target"));

    private static List<String> entries(String jar) throws IOException {
        Path path = TARGET.resolve(jar);
        assertThat(path).as("built jar %s", path).exists();
        try (JarFile file = new JarFile(path.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void productionJarHasNoSimulatorNoWireMockAndNoDemoProfile() throws IOException {
        List<String> entries = entries("mediagate-gateway.jar");
        assertThat(entries)
                .contains("BOOT-INF/classes/io/mediagate/gateway/MediagateApplication.class")
                .anyMatch(e -> e.startsWith("BOOT-INF/lib/mediagate-adapter-cincopa-"))
                .anyMatch(e -> e.startsWith("BOOT-INF/lib/mediagate-adapter-cognitive3d-"));
        assertThat(entries)
                .as("simulators, WireMock or the demo profile in the production jar")
                .noneMatch(e -> e.contains("mediagate-sandbox")
                        || e.toLowerCase().contains("wiremock")
                        || e.contains("io/mediagate/sandbox/")
                        || e.contains("application-demo")
                        || e.contains("/demo/"));
        assertThat(entries)
                .as("BouncyCastle (a signed jar: verified at every start, never in the start-up cache)")
                .noneMatch(e -> e.startsWith("BOOT-INF/lib/bcprov-"));
    }

    @Test
    void demoJarIsTheGatewayWithTheSimulators() throws IOException {
        List<String> entries = entries("mediagate-gateway-demo.jar");
        assertThat(entries)
                .contains("BOOT-INF/classes/io/mediagate/gateway/MediagateApplication.class")
                .anyMatch(e -> e.startsWith("BOOT-INF/lib/mediagate-sandbox-"))
                .anyMatch(e -> e.startsWith("BOOT-INF/lib/wiremock-standalone-"));
        assertThat(Files.size(TARGET.resolve("mediagate-gateway-demo.jar")))
                .isGreaterThan(Files.size(TARGET.resolve("mediagate-gateway.jar")));
    }
}
