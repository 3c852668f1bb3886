package io.mediagate.contracts.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract lints clean: Redocly ({@code recommended}) and Spectral ({@code spectral:oas}) report no error and no
 * warning. They run through npx, pinned; without npx or the npm registry the test is skipped with a message (the
 * build needs only a JDK and Maven).
 */
class ContractLintTest {
    private static final Path CONTRACT =
            Path.of("src", "main", "resources", "openapi.yaml").toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Run(int exitCode, String stdout, String stderr) {}

    @BeforeAll
    static void npxAndTheRegistryAreThere() {
        Run npx = run(Path.of("."), 20, "npx", "--version");
        assumeTrue(npx != null && npx.exitCode() == 0, "npx is not installed: skipping the contract lint");
        Run ping = run(Path.of("."), 30, "npm", "ping");
        assumeTrue(ping != null && ping.exitCode() == 0, "the npm registry is not reachable: skipping the lint");
    }

    @Test
    void redoclyRecommendedReportsNothing() {
        Run r = run(
                Path.of("."), 300, "npx", "-y", "@redocly/cli@2.77.0", "lint", "--format=json", CONTRACT.toString());
        assertThat(r).as("redocly could not run").isNotNull();
        JsonNode report = parse(r);
        assertThat(report.path("problems").size())
                .as("redocly problems: %s", report.path("problems"))
                .isZero();
        assertThat(report.path("totals").path("warnings").asInt(-1)).isZero();
        assertThat(report.path("totals").path("errors").asInt(-1)).isZero();
    }

    @Test
    void spectralOasReportsNothing() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "spectral"));
        Files.writeString(dir.resolve(".spectral.yaml"), "extends: [\"spectral:oas\"]\n");
        Run r = run(
                dir,
                300,
                "npx",
                "-y",
                "@stoplight/spectral-cli@6.16.3",
                "lint",
                "-r",
                ".spectral.yaml",
                "-f",
                "json",
                CONTRACT.toString());
        assertThat(r).as("spectral could not run").isNotNull();
        JsonNode results = parse(r);
        assertThat(results.isArray()).as(r.stdout() + r.stderr()).isTrue();
        assertThat(results.size()).as("spectral results: %s", results).isZero();
    }

    private static JsonNode parse(Run r) {
        // both print the JSON report on stdout, possibly after notices; the report starts at the first { or [
        String out = r.stdout();
        int start = out.indexOf('[') >= 0 && (out.indexOf('{') < 0 || out.indexOf('[') < out.indexOf('{'))
                ? out.indexOf('[')
                : out.indexOf('{');
        int end = Math.max(out.lastIndexOf(']'), out.lastIndexOf('}'));
        assertThat(start).as("no JSON report in: %s %s", out, r.stderr()).isGreaterThanOrEqualTo(0);
        return JSON.readTree(out.substring(start, end + 1));
    }

    private static Run run(Path dir, int timeoutSeconds, String... command) {
        try {
            Path out = Files.createTempFile("lint", ".out");
            Path err = Files.createTempFile("lint", ".err");
            try {
                Process p = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Run(-1, "", "timed out: " + List.of(command));
                }
                return new Run(
                        p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
