package io.mediagate.gateway.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image build without Docker ({@code gateway/docker/build-local.sh}, the Dockerfile's steps), run on the built
 * production jar after {@code package} (failsafe, in {@code verify}): with the JDK running the build, and with a
 * JDK 25 when one is found ({@code MEDIAGATE_JDK25} or {@code /usr/lib/jvm/*25*}). The training run must leave a
 * start-up cache (an AOT cache on 25+, a CDS archive before), the app directory must carry the Dockerfile's JVM
 * options, and the gateway started by {@code entrypoint.sh} with those options and the cache made mandatory
 * ({@code -XX:AOTMode=on} / {@code -Xshare:on}: a cache the JVM cannot use stops it) must become ready, answer a
 * client with a problem, and size its event loops from the CPUs it may use. It starts from the bean definitions
 * Spring AOT generated at build time, as the image's options say. The training run must have covered the
 * whole start and the request path: the classes a request needs come from the cache, not the jars.
 */
class ImageScriptCheck {
    private static final Path TARGET = Path.of(System.getProperty("jars.dir", "target"));
    private static final Path DOCKER = TARGET.resolveSibling("docker");
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    /**
     * Loaded only once the servers are up and serving: a training run that stopped at the context refresh (as the
     * first one did) leaves them out of the cache.
     */
    private static final List<String> SERVING_CLASSES = List.of(
            "reactor.netty.http.server.HttpServerOperations",
            "org.springframework.boot.webflux.actuate.endpoint.web.WebFluxEndpointHandlerMapping");

    static Stream<Path> jdks() throws IOException {
        List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        String jdk25 = System.getenv("MEDIAGATE_JDK25");
        Path lib = Path.of("/usr/lib/jvm");
        if (jdk25 == null && Files.isDirectory(lib) && Runtime.version().feature() < 25) {
            try (Stream<Path> dirs = Files.list(lib)) {
                jdk25 = dirs.filter(d -> d.getFileName().toString().contains("25"))
                        .filter(d -> Files.isExecutable(d.resolve("bin/java")))
                        .map(Path::toString)
                        .findFirst()
                        .orElse(null);
            }
        }
        if (jdk25 != null) {
            homes.add(Path.of(jdk25));
        }
        return homes.stream();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theImageStepsMakeAStartUpCacheTheGatewayStartsWith(Path javaHome, @TempDir Path work) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell for gateway/docker/*.sh");
        int feature = javaFeature(javaHome);
        Path app = work.resolve("app");
        run(
                work.resolve("build.log"),
                javaHome,
                null,
                "sh",
                DOCKER.resolve("build-local.sh").toString(),
                TARGET.resolve("mediagate-gateway.jar").toString(),
                app.toString());

        String flags = Files.readString(app.resolve("startup.flags")).trim();
        Path cache = app.resolve(feature >= 25 ? "app.aot" : "app.jsa");
        assertThat(flags)
                .as("startup.flags on JDK %d", feature)
                .isEqualTo((feature >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
        assertThat(Files.size(cache)).as("the start-up cache").isGreaterThan(10_000_000L);
        String imageOptions = Files.readString(app.resolve("java-tool-options")).trim();
        assertThat(Files.readString(DOCKER.resolveSibling("Dockerfile")))
                .contains("ENV JAVA_TOOL_OPTIONS=\"" + imageOptions + "\"");

        int api = freePort();
        int management = freePort();
        Path classes = work.resolve("classes.log");
        String options = imageOptions + " -XX:ActiveProcessorCount=1 "
                + (feature >= 25 ? "-XX:AOTMode=on" : "-Xshare:on") + " -Xlog:class+load=info:file=" + classes;
        Path log = work.resolve("gateway.log");
        Process gateway = start(
                log,
                javaHome,
                options,
                "sh",
                app.resolve("entrypoint.sh").toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + api,
                "--management.server.address=127.0.0.1",
                "--management.server.port=" + management);
        try {
            awaitReady(gateway, management, log);
            assertThat(Files.readString(log))
                    .as("the image starts from Spring AOT's generated code")
                    .contains("Starting AOT-processed MediagateApplication");
            String answer = get(api, "/v1/connections");
            assertThat(answer)
                    .as("a request right after ready")
                    .startsWith("HTTP/1.1 401")
                    .contains("application/problem+json");
            for (String servingClass : SERVING_CLASSES) {
                assertThat(loadedFrom(classes, servingClass))
                        .as("where %s came from on JDK %d", servingClass, feature)
                        .contains("shared objects file");
            }
            assertThat(eventLoops(gateway.pid()))
                    .as("Reactor Netty event loops with one CPU")
                    .isEqualTo(1);
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    private static int javaFeature(Path javaHome) throws IOException {
        Path release = javaHome.resolve("release");
        String version = Files.readAllLines(release).stream()
                .filter(l -> l.startsWith("JAVA_VERSION="))
                .findFirst()
                .orElseThrow()
                .replaceAll("[^0-9.]", "");
        return Integer.parseInt(version.split("\\.")[0]);
    }

    private static Process start(Path log, Path javaHome, String toolOptions, String... command) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        if (toolOptions != null) {
            builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
        }
        return builder.start();
    }

    private static void run(Path log, Path javaHome, String toolOptions, String... command) throws Exception {
        Process process = start(log, javaHome, toolOptions, command);
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done && process.exitValue() == 0)
                .as("%s exits 0; its output:%n%s", String.join(" ", command), Files.readString(log))
                .isTrue();
    }

    private static void awaitReady(Process gateway, int port, Path log) throws Exception {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            assertThat(gateway.isAlive())
                    .as("the gateway is running; its output:%n%s", Files.readString(log))
                    .isTrue();
            try {
                if (get(port, "/actuator/health/readiness").startsWith("HTTP/1.1 200")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within " + READY_WITHIN + "; output:\n" + Files.readString(log));
    }

    /** The class-load log line of one class ({@code -Xlog:class+load}), or a note that it was not loaded. */
    private static String loadedFrom(Path classLog, String className) throws IOException {
        try (Stream<String> lines = Files.lines(classLog)) {
            return lines.filter(l -> l.contains(" " + className + " source:"))
                    .findFirst()
                    .orElse(className + " was not loaded");
        }
    }

    /** One raw HTTP/1.1 GET; the answer's head and body as text. */
    private static String get(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Reactor Netty's event-loop threads of a JVM, from their names in /proc (Linux). */
    private static long eventLoops(long pid) throws IOException {
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        assumeTrue(Files.isDirectory(tasks), "needs /proc to count threads");
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.map(t -> {
                        try {
                            return Files.readString(t.resolve("comm")).trim();
                        } catch (IOException gone) {
                            return "";
                        }
                    })
                    .filter(name -> name.startsWith("reactor-http-"))
                    .count();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
