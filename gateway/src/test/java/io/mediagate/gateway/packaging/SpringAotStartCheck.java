package io.mediagate.gateway.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production jar's Spring AOT code, as the image starts it ({@code -Dspring.aot.enabled=true}), after
 * {@code package} (failsafe): the jar carries the record of the properties the generated code was decided on, and a
 * deployment that sets one of them otherwise does not start half-configured but stops, naming the key and the way
 * out, without its value. The image's own start with the generated code is {@link ImageScriptCheck}'s.
 */
class SpringAotStartCheck {
    private static final Path JAR =
            Path.of(System.getProperty("jars.dir", "target")).resolve("mediagate-gateway.jar");
    private static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Test
    void theJarRecordsWhatTheGeneratedCodeWasDecidedOnForBothContexts() throws IOException {
        String root = entry("META-INF/mediagate/aot-build-properties.properties");
        assertThat(root)
                .contains(ENDPOINT + "=unset")
                .contains("management.endpoints.web.exposure.include=set\\:health, info, prometheus, metrics")
                .contains("(management\\ server\\ on\\ a\\ port\\ of\\ its\\ own)=set\\:yes");
        assertThat(entry("META-INF/mediagate/aot-build-properties-management.properties"))
                .contains("management.endpoints.web.exposure.include");
    }

    @Test
    void anExporterSetAfterTheBuildStopsTheStartNamingTheKeyButNotItsValue(@TempDir Path work) throws Exception {
        Path log = work.resolve("gateway.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dspring.aot.enabled=true",
                        "-jar",
                        JAR.toString(),
                        "--server.address=127.0.0.1",
                        "--server.port=0",
                        "--management.server.address=127.0.0.1",
                        "--management.server.port=0",
                        "--" + ENDPOINT + "=https://user:s3cret@otel.invalid:4318/v1/traces")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process gateway = builder.start();
        boolean exited = gateway.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            gateway.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(exited && gateway.exitValue() != 0)
                .as("the start stops; output:%n%s", output)
                .isTrue();
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains(ENDPOINT + " (unset at build time, set now)")
                .contains("gateway.jvm.springAot: false")
                .doesNotContain("s3cret")
                .doesNotContain("otel.invalid")
                .doesNotContain("\tat ");
    }

    private static String entry(String name) throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            ZipEntry entry = jar.getEntry(name);
            assertThat(entry).as("%s in %s", name, JAR).isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }
    }
}
