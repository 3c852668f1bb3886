package io.mediagate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.GatewayTestSupport;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.sandbox.parone.ParOneSimulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Against a vendor that enforces its plan itself (the ParOne simulator answers 429 past 10 requests a second):
 * ten times the plan's demand through the gateway makes the vendor answer 429 not once, and uses the plan to at
 * least 90%.
 */
class VendorQuotaIT extends GatewayTestSupport {
    private static final ParOneSimulator PARONE = new ParOneSimulator(0, 10, Duration.ofSeconds(1));

    @Autowired
    ConnectionRegistry registry;

    @DynamicPropertySource
    static void parone(DynamicPropertyRegistry registry) {
        String p = "mediagate.connections.parone-plan.";
        registry.add(p + "vendor", () -> "parone");
        registry.add(p + "base-url", PARONE::baseUrl);
        registry.add(p + "credentials.sync-code", () -> ParOneSimulator.SYNC_CODE);
        registry.add(p + "quota.limit", () -> "10");
        registry.add(p + "quota.period", () -> "1s");
        registry.add(p + "quota.max-wait", () -> "500ms");
        registry.add(p + "cache.enabled", () -> "false");
        registry.add("mediagate.connections.parone-default.vendor", () -> "parone");
        registry.add("mediagate.connections.parone-default.base-url", PARONE::baseUrl);
        registry.add("mediagate.connections.parone-default.credentials.sync-code", () -> ParOneSimulator.SYNC_CODE);
    }

    @AfterAll
    static void stop() {
        PARONE.close();
    }

    @Test
    void tenfoldDemandMakesTheVendorAnswer429NeverAndUsesThePlan() {
        PARONE.reset();
        // 10 requests every 100 ms for 3 s: 300 requests against a plan of 30 in that time
        Flux.interval(Duration.ofMillis(100))
                .take(30)
                .flatMap(
                        t -> Flux.range(0, 10)
                                .flatMap(
                                        i -> web.get()
                                                .uri("/v1/connections/parone-plan/videos?limit=5")
                                                .header("Authorization", FULL)
                                                .exchange()
                                                .returnResult(byte[].class)
                                                .getResponseBody()
                                                .then()
                                                .thenReturn(1),
                                        10)
                                .subscribeOn(Schedulers.boundedElastic()),
                        300)
                .blockLast(Duration.ofSeconds(30));
        assertThat(PARONE.rateLimitedAnswers()).as("vendor 429s").isZero();
        // the plan's allowance over the time demand was there: from the first vendor call to the last
        List<Long> at = PARONE.requests().stream()
                .map(r -> r.getLoggedDate().getTime())
                .sorted()
                .toList();
        double seconds = (at.get(at.size() - 1) - at.get(0)) / 1000.0;
        double allowed = 1 + 9 * seconds;
        assertThat(PARONE.calls())
                .as("vendor calls vs %.1f allowed in %.1f s", allowed, seconds)
                .isGreaterThanOrEqualTo((long) Math.floor(0.9 * allowed));
    }

    @Test
    void aPassthrough429IsToldTheClampedRetryAfterAndPausesTheConnection() {
        PARONE.reset();
        // eleven days: the gateway pauses for max-retry-after (default 5 minutes) and says so
        PARONE.rateLimitNext(Duration.ofSeconds(999_999));
        web.get()
                .uri("/v1/connections/parone-default/raw/videos/")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("Retry-After", "300");
        web.get()
                .uri("/v1/connections/parone-default/videos?limit=5")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/quota-exhausted");
        assertThat(PARONE.calls())
                .as("the paused read never reached the vendor")
                .isEqualTo(1);
    }

    @Test
    void aReadOnlyConnectionListsTheWritesItRefusesAndRefusesThemWith403() {
        web.get()
                .uri("/v1/connections")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[?(@.id=='parone-plan')].refused[*]")
                .value(v -> assertThat(v.toString()).contains("update", "delete", "direct_upload"))
                .jsonPath("$.data[?(@.id=='parone-plan')].capabilities[*]")
                .value(v -> assertThat(v.toString()).contains("search").doesNotContain("update"))
                .jsonPath("$.data[?(@.id=='fake-main')].refused")
                .doesNotExist();
        long before = PARONE.calls();
        web.delete()
                .uri("/v1/connections/parone-plan/videos/k1234567")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/vendor-forbidden");
        assertThat(PARONE.calls()).isEqualTo(before);
    }

    @Test
    void theVendorsDocumentedPlanIsTheDefaultQuota() {
        var quota = registry.find("parone-default").orElseThrow().policy().quota();
        assertThat(quota.limit()).isEqualTo(100);
        assertThat(quota.period()).isEqualTo(Duration.ofMinutes(1));
        assertThat(registry.find("parone-plan").orElseThrow().policy().quota().limit())
                .isEqualTo(10);
    }
}
