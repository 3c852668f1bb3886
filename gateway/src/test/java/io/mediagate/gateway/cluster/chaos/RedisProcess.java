package io.mediagate.gateway.cluster.chaos;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server (the binary that ships inside the embedded-redis jar) as its own OS process, so a test can
 * do to it what an operator's bad day does: {@code kill -STOP} (a hung Redis that still holds its sockets),
 * {@code kill -CONT}, and {@code kill -9} followed by a restart with an empty data set.
 */
final class RedisProcess implements AutoCloseable {
    private final File binary;
    private final int port;
    private final Path log;
    private Process process;
    private boolean paused;

    RedisProcess(int port, Path log) throws IOException {
        this.binary = ExecutableProvider.newJarResourceProvider().get();
        this.port = port;
        this.log = log;
    }

    int port() {
        return port;
    }

    /** Starts (or restarts) the server with nothing persisted: a restart comes back empty. */
    void start() throws IOException {
        process = new ProcessBuilder(
                        binary.getAbsolutePath(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Chaos.sleep(50);
            }
        }
        throw new IOException("redis-server did not open port " + port);
    }

    /** {@code kill -STOP}: Redis keeps its connections open and answers nothing. */
    void pause() {
        Chaos.signal("STOP", process.pid());
        paused = true;
    }

    /** {@code kill -CONT}: Redis answers again, including what it was sent meanwhile. */
    void resume() {
        Chaos.signal("CONT", process.pid());
        paused = false;
    }

    /** After a failed scenario: Redis runs again, so the next scenario starts from a healthy cluster. */
    void ensureRunning() throws IOException {
        if (paused) {
            resume();
        }
        if (!process.isAlive()) {
            start();
        }
    }

    /** {@code kill -9}: every connection drops and the data is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            resume();
            kill();
        }
    }
}
