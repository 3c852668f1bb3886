package io.mediagate.gateway.cluster.chaos;

import io.mediagate.gateway.MediagateApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One gateway replica as its own JVM, started from the test classpath with the gateway's main class, logging to
 * a file the test reads. {@link #kill()} is {@code kill -9}: no shutdown hook, no graceful anything.
 */
final class ReplicaProcess implements AutoCloseable {
    private final String name;
    private final List<String> args;
    private final Path log;
    private final int port;
    private Process process;

    ReplicaProcess(String name, int port, Path log, List<String> args) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.args = args;
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    void start() throws IOException {
        // surefire names the real test classpath here; a plain JVM has it in java.class.path
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-Dreactor.netty.ioWorkerCount=2",
                "-cp",
                classpath,
                MediagateApplication.class.getName(),
                "--server.port=" + port,
                "--management.server.port=" + port));
        command.addAll(args);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Waits until readiness answers 200, or fails naming the log. */
    void awaitReady(Duration within) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                break;
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(1))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                name + " did not become ready; its log: " + log + "\n" + tail(Files.readString(log)));
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            kill();
        }
    }
}
