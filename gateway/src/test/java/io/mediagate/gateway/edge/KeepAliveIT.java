package io.mediagate.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.GatewayTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests that share one HTTP/1.1 connection, over a plain socket. A request that arrives while the one before it
 * is still being finished is queued by the server; when that queued request is then answered at once, Reactor Netty
 * 1.3.6 stopped reading the connection, and the next request on it waited for ever (reactor/reactor-netty#4361).
 * Every client that reuses connections (the JDK's, Reactor's, a Prometheus scrape) could meet that.
 */
class KeepAliveIT extends GatewayTestSupport {
    private static final String SLOW = "/v1/connections/fake-main/videos/fake00000004";
    private static final String AUTH = "Authorization: " + FULL + "\r\n";

    @LocalServerPort
    int port;

    @Test
    void aConnectionIsStillReadAfterAPipelinedRequestWasAnsweredAtOnce() throws IOException {
        vendor.latency(Duration.ofMillis(80));

        assertThat(pipelinedThenOneMore(port, get(SLOW, AUTH), get(SLOW, ""), get(SLOW, AUTH)))
                .containsExactly(200, 401, 200);
    }

    @Test
    void aConnectionIsStillReadAfterAPipelinedCacheHit() throws IOException {
        String hit = "/v1/connections/fake-main/videos/fake00000001";
        web.get()
                .uri(hit)
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk();
        vendor.latency(Duration.ofMillis(80));

        assertThat(pipelinedThenOneMore(port, get(SLOW, AUTH), get(hit, AUTH), get(hit, AUTH)))
                .containsExactly(200, 200, 200);
    }

    @Test
    void theManagementPortIsStillReadAfterPipelinedHealthChecks() throws IOException {
        assertThat(pipelinedThenOneMore(
                        managementPort,
                        get("/actuator/prometheus", ""),
                        get("/actuator/health/liveness", ""),
                        get("/actuator/health/readiness", "")))
                .containsExactly(200, 200, 200);
    }

    @Test
    void manyRequestsOneAfterAnotherOnOneConnectionAreAllAnswered() throws IOException {
        vendor.latency(Duration.ofMillis(5));
        try (Socket s = connect(port)) {
            InputStream in = s.getInputStream();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                // Alternating a vendor call with answers the gateway gives without one, each sent as soon as the
                // answer before it is read, as a client reusing its connection does.
                String path = i % 2 == 0 ? "/v1/connections/fake-main/videos/fake0000000" + (i % 8) : SLOW;
                s.getOutputStream().write(ascii(get(path, i % 4 == 3 ? "" : AUTH)));
                statuses.add(RawHttp.read(in).status());
            }
            assertThat(statuses).as("no request left unanswered").doesNotContain(-1, -2, 0);
        }
    }

    /**
     * Sends the first two requests at once, so that the second waits in the server's queue while the first is
     * answered, reads both answers, then sends the third on the same connection.
     */
    private static List<Integer> pipelinedThenOneMore(int port, String first, String second, String third)
            throws IOException {
        try (Socket s = connect(port)) {
            InputStream in = s.getInputStream();
            List<Integer> statuses = new ArrayList<>();
            s.getOutputStream().write(ascii(first + second));
            statuses.add(RawHttp.read(in).status());
            statuses.add(RawHttp.read(in).status());
            s.getOutputStream().write(ascii(third));
            statuses.add(RawHttp.read(in).status());
            return statuses;
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        s.setSoTimeout(3000);
        return s;
    }

    private static String get(String path, String headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: gw\r\n" + headers + "\r\n";
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
