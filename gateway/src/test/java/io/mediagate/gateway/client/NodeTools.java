package io.mediagate.gateway.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs node tools for tests that need them. The build must pass with only a JDK and Maven, so a missing
 * {@code node}/{@code npx} or an unreachable npm registry skips the test (a JUnit assumption) with a message.
 */
final class NodeTools {
    /** What a command printed (stdout and stderr together) and how it ended. */
    record Run(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private NodeTools() {}

    /** Skips the calling test unless node, npx and the npm registry are usable. */
    static void assumeAvailable() {
        Run node = tryRun(Path.of("."), Duration.ofSeconds(20), "node", "--version");
        assumeTrue(node != null && node.ok(), "node is not installed: skipping the TypeScript check");
        Run npx = tryRun(Path.of("."), Duration.ofSeconds(20), "npx", "--version");
        assumeTrue(npx != null && npx.ok(), "npx is not installed: skipping the TypeScript check");
        Run ping = tryRun(Path.of("."), Duration.ofSeconds(30), "npm", "ping");
        assumeTrue(ping != null && ping.ok(), "the npm registry is not reachable: skipping the TypeScript check");
    }

    static Run run(Path dir, Duration timeout, String... command) {
        Run r = tryRun(dir, timeout, command);
        if (r == null) {
            throw new IllegalStateException("could not start " + List.of(command));
        }
        return r;
    }

    private static Run tryRun(Path dir, Duration timeout, String... command) {
        try {
            Path log = Files.createTempFile("node-tool", ".log");
            try {
                Process p = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return new Run(-1, "timed out after " + timeout + ": " + List.of(command));
                }
                return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
