package io.mediagate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Webhook subscriptions and deliveries, received by a real HTTP server on 127.0.0.1. */
class WebhooksIT extends EventsTestSupport {
    /** One delivery as the subscriber received it. */
    record Delivery(Map<String, List<String>> headers, String body) {}

    @Autowired
    WebhookDeliveries deliveries;

    private HttpServer receiver;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    /** The subscriber answers 500 to this many deliveries before it answers 204. */
    private final AtomicInteger failFirst = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Delivery(Map.copyOf(exchange.getRequestHeaders()), body));
            exchange.sendResponseHeaders(failFirst.getAndDecrement() > 0 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private Map<?, ?> subscribe(String... types) {
        String typeList = types.length == 0 ? "" : ",\"types\":[\"" + String.join("\",\"", types) + "\"]";
        return web.post()
                .uri("/v1/subscriptions")
                .header("Authorization", EVENTS)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\","
                                + "\"connections\":[\"fake-main\"]" + typeList + "}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .exists("Location")
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private void unsubscribe(Map<?, ?> s) {
        web.delete()
                .uri("/v1/subscriptions/" + s.get("id"))
                .header("Authorization", EVENTS)
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    private void patchTitle(String title) {
        web.patch()
                .uri("/v1/connections/fake-main/videos/fake00000001")
                .header("Authorization", FULL)
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue("{\"title\":\"" + title + "\"}")
                .exchange()
                .expectStatus()
                .isOk();
    }

    private List<Delivery> awaitDeliveries(String marker, int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < end) {
            List<Delivery> matching =
                    received.stream().filter(d -> d.body().contains(marker)).toList();
            if (matching.size() >= count) {
                return matching;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + count + " deliveries of " + marker + ": " + received.size());
    }

    @Test
    void aDeliveryIsSignedPerStandardWebhooksAndVerifiesWithTheReferenceLibrary() throws Exception {
        Map<?, ?> s = subscribe("video.updated");
        String secret = (String) s.get("secret");
        assertThat(secret).startsWith("whsec_");
        String title = "signed " + UUID.randomUUID();
        patchTitle(title);
        Delivery d = awaitDeliveries(title, 1).get(0);
        assertThat(d.headers().get("Content-type")).containsExactly("application/json");
        // throws if the signature, id or timestamp is wrong
        new Webhook(secret).verify(d.body(), d.headers());
        assertThat(d.body()).contains("\"type\":\"video.updated\"").contains("\"connection\":\"fake-main\"");
        // and a different secret does not verify it
        Assertions.assertThatThrownBy(
                        () -> new Webhook("whsec_" + Base64.getEncoder().encodeToString(new byte[32]))
                                .verify(d.body(), d.headers()))
                .isInstanceOf(WebhookVerificationException.class);
        unsubscribe(s);
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameWebhookId() throws Exception {
        Map<?, ?> s = subscribe("video.updated");
        failFirst.set(2);
        String title = "retried " + UUID.randomUUID();
        patchTitle(title);
        List<Delivery> attempts = awaitDeliveries(title, 3);
        assertThat(attempts.stream()
                        .map(d -> d.headers().get("Webhook-id").get(0))
                        .distinct())
                .hasSize(1);
        new Webhook((String) s.get("secret"))
                .verify(attempts.get(2).body(), attempts.get(2).headers());
        web.get()
                .uri("/v1/subscriptions/" + s.get("id"))
                .header("Authorization", EVENTS)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.deliveries.delivered")
                .isEqualTo(1)
                .jsonPath("$.deliveries.last_error")
                .isEqualTo("subscriber answered HTTP 500")
                .jsonPath("$.secret")
                .doesNotExist();
        unsubscribe(s);
    }

    @Test
    void deliveriesThatKeepFailingAreShownWithTheLastErrorAndCanBeReplayed() throws Exception {
        Map<?, ?> s = subscribe("video.updated");
        failFirst.set(1000);
        String title = "given up " + UUID.randomUUID();
        patchTitle(title);
        long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        Map<?, ?> status = Map.of();
        while (System.nanoTime() < end) {
            status = (Map<?, ?>) web.get()
                    .uri("/v1/subscriptions/" + s.get("id"))
                    .header("Authorization", EVENTS)
                    .exchange()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody()
                    .get("deliveries");
            if (((Number) status.get("failed")).intValue() > 0) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(status.get("failed")).isEqualTo(1);
        assertThat(status.get("last_error")).isEqualTo("subscriber answered HTTP 500");
        assertThat(awaitDeliveries(title, 2)).as("retried before giving up").hasSizeGreaterThanOrEqualTo(2);
        int before = received.size();
        failFirst.set(0);
        web.post()
                .uri("/v1/subscriptions/" + s.get("id") + "/replay")
                .header("Authorization", EVENTS)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.replayed")
                .isEqualTo(1);
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (received.size() == before && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        Delivery replayed = received.get(before);
        assertThat(replayed.body()).contains(title);
        new Webhook((String) s.get("secret")).verify(replayed.body(), replayed.headers());
        unsubscribe(s);
    }

    @Test
    void deliveriesResumeAfterBeingStoppedAndStartedAgain() throws Exception {
        // what the test framework does to a cached context it pauses, and an operator's lifecycle restart
        deliveries.stop();
        deliveries.start();
        Map<?, ?> s = subscribe("video.updated");
        String title = "after a restart " + UUID.randomUUID();
        patchTitle(title);
        new Webhook((String) s.get("secret"))
                .verify(
                        awaitDeliveries(title, 1).get(0).body(),
                        awaitDeliveries(title, 1).get(0).headers());
        unsubscribe(s);
    }

    @Test
    void subscriptionsAreTheirOwnersOnly() {
        Map<?, ?> s = subscribe();
        web.get()
                .uri("/v1/subscriptions")
                .header("Authorization", EVENTS)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[?(@.id == '" + s.get("id") + "')]")
                .exists();
        web.get()
                .uri("/v1/subscriptions/" + s.get("id"))
                .header("Authorization", READER)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/missing-scope");
        web.post()
                .uri("/v1/subscriptions")
                .header("Authorization", EVENTS)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"url\":\"https://hooks.example.com/x\",\"connections\":[\"fake-quota\"]}")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/connection-not-allowed");
        unsubscribe(s);
        web.get()
                .uri("/v1/subscriptions/" + s.get("id"))
                .header("Authorization", EVENTS)
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
