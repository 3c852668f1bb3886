package io.mediagate.gateway.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mediagate.gateway.GatewayTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A 200 MB upload through passthrough streams: the vendor receives the first bytes while the client still holds
 * back the last ones. A proxy that buffered the body would wait for the end that never comes, and time out.
 */
class PassthroughStreamingIT extends GatewayTestSupport {
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 200;
    private static final AtomicLong RECEIVED = new AtomicLong();
    private static final CountDownLatch FIRST_MEGABYTE = new CountDownLatch(1);
    private static final HttpServer SINK = sink();

    private static HttpServer sink() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v0/", exchange -> {
                byte[] buffer = new byte[64 * 1024];
                try (InputStream in = exchange.getRequestBody()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        if (RECEIVED.addAndGet(n) >= CHUNK) {
                            FIRST_MEGABYTE.countDown();
                        }
                    }
                }
                byte[] answer = ("{\"received\":" + RECEIVED.get() + "}").getBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sinkConnection(DynamicPropertyRegistry registry) {
        String p = "mediagate.connections.c3d-sink.";
        registry.add(p + "vendor", () -> "cognitive3d");
        registry.add(
                p + "base-url", () -> "http://127.0.0.1:" + SINK.getAddress().getPort() + "/v0");
        registry.add(p + "credentials.api-key", () -> "orgkey-sink-test");
        registry.add(p + "options.project-id", () -> "4242");
        registry.add("mediagate.passthrough.max-body-size", () -> "300MB");
    }

    @AfterAll
    static void stop() {
        SINK.stop(0);
    }

    @Test
    void twoHundredMegabytesStreamToTheVendorWithoutBeingBuffered() {
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        byte[] chunk = new byte[CHUNK];
        Flux<DataBuffer> firstPart = Flux.range(0, CHUNKS - 1).map(i -> buffers.wrap(chunk));
        // the last megabyte is only sent once the vendor has seen the first one
        Mono<DataBuffer> last = Mono.fromCallable(() -> FIRST_MEGABYTE.await(20, TimeUnit.SECONDS))
                .subscribeOn(Schedulers.boundedElastic())
                .map(seen -> {
                    assertThat(seen)
                            .as("vendor received data before the upload ended")
                            .isTrue();
                    return buffers.wrap(chunk);
                });
        // a plain WebClient: WebTestClient records request bodies, and would itself hold the 200 MB
        HttpStatusCode status = WebClient.create("http://127.0.0.1:" + port)
                .post()
                .uri("/v1/connections/c3d-sink/raw/projects/4242/media?fileName=big.mp4")
                .header("Authorization", FULL)
                .contentType(MediaType.valueOf("video/mp4"))
                .contentLength((long) CHUNK * CHUNKS)
                .body(firstPart.concatWith(last), DataBuffer.class)
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode()))
                .block(Duration.ofSeconds(60));
        assertThat(status).isEqualTo(HttpStatus.CREATED);
        assertThat(RECEIVED.get()).isEqualTo((long) CHUNK * CHUNKS);
    }
}
