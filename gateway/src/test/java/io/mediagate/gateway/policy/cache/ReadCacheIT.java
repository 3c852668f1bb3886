package io.mediagate.gateway.policy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.GatewayTestSupport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The read cache as a client sees it: fewer vendor calls, fresh after writes, stale when the vendor is down. */
class ReadCacheIT extends GatewayTestSupport {

    private EntityExchangeResult<byte[]> get(String path, String... headers) {
        var spec = web.get().uri(path).header("Authorization", FULL);
        for (int i = 0; i < headers.length; i += 2) {
            spec.header(headers[i], headers[i + 1]);
        }
        return spec.exchange().expectBody().returnResult();
    }

    @Test
    void hundredConcurrentFirstReadsMakeOneVendorCall() {
        vendor.latency(Duration.ofMillis(300));
        List<EntityExchangeResult<byte[]>> results = Flux.range(0, 100)
                .flatMap(
                        i -> Flux.defer(() -> Flux.just(get("/v1/connections/fake-main/videos/fake00000004")))
                                .subscribeOn(Schedulers.boundedElastic()),
                        100)
                .collectList()
                .block(Duration.ofSeconds(20));
        assertThat(results)
                .hasSize(100)
                .allSatisfy(r -> assertThat(r.getStatus().value()).isEqualTo(200));
        assertThat(results)
                .extracting(r -> r.getResponseHeaders().getETag())
                .containsOnly(results.get(0).getResponseHeaders().getETag());
        assertThat(vendor.calls()).isEqualTo(1);
    }

    @Test
    void secondReadIsAHitAndSaysSo() {
        assertThat(get("/v1/connections/fake-main/videos/fake00000001")
                        .getResponseHeaders()
                        .getFirst("Cache-Status"))
                .isEqualTo("mediagate; fwd=miss; stored");
        assertThat(get("/v1/connections/fake-main/videos/fake00000001")
                        .getResponseHeaders()
                        .getFirst("Cache-Status"))
                .startsWith("mediagate; hit; ttl=");
        assertThat(get("/v1/connections/fake-main/videos?limit=2")
                        .getResponseHeaders()
                        .getFirst("Cache-Status"))
                .isEqualTo("mediagate; fwd=miss; stored");
        assertThat(get("/v1/connections/fake-main/videos?limit=2")
                        .getResponseHeaders()
                        .getFirst("Cache-Status"))
                .startsWith("mediagate; hit");
        assertThat(vendor.calls()).isEqualTo(2);
    }

    @Test
    void aHitIsAnsweredExactlyAsTheMissWasWithEveryHeader() {
        EntityExchangeResult<byte[]> miss = get("/v1/connections/fake-main/videos/fake00000007?include=raw");
        EntityExchangeResult<byte[]> hit = get("/v1/connections/fake-main/videos/fake00000007?include=raw");
        assertThat(hit.getResponseHeaders().getFirst("Cache-Status")).startsWith("mediagate; hit");
        assertThat(hit.getResponseBodyContent()).isEqualTo(miss.getResponseBodyContent());
        assertThat(hit.getResponseHeaders().getETag())
                .isEqualTo(miss.getResponseHeaders().getETag());
        assertThat(hit.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(hit.getResponseHeaders().getFirst("X-Request-Id")).isNotBlank();
        assertThat(hit.getResponseHeaders().getFirst("RateLimit-Remaining")).isNotBlank();
        assertThat(vendor.calls()).isEqualTo(1);
        // a cached entry never opens a connection the key may not use
        web.get()
                .uri("/v1/connections/fake-basic/videos/fake00000001")
                .header("Authorization", FULL)
                .exchange();
        web.get()
                .uri("/v1/connections/fake-basic/videos/fake00000001")
                .header("Authorization", READER)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void patchThenGetShowsTheNewTitle() {
        get("/v1/connections/fake-main/videos/fake00000005");
        get("/v1/connections/fake-main/videos?limit=50");
        web.patch()
                .uri("/v1/connections/fake-main/videos/fake00000005")
                .header("Authorization", FULL)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"After the patch\"}")
                .exchange()
                .expectStatus()
                .isOk();
        EntityExchangeResult<byte[]> after = get("/v1/connections/fake-main/videos/fake00000005");
        assertThat(new String(after.getResponseBodyContent())).contains("After the patch");
        assertThat(after.getResponseHeaders().getFirst("Cache-Status")).contains("fwd=miss");
        assertThat(new String(get("/v1/connections/fake-main/videos?limit=50").getResponseBodyContent()))
                .contains("After the patch");
    }

    @Test
    void deleteEvictsTheVideo() {
        get("/v1/connections/fake-main/videos/fake00000006");
        web.delete()
                .uri("/v1/connections/fake-main/videos/fake00000006")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(get("/v1/connections/fake-main/videos/fake00000006")
                        .getStatus()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void vendorOutageWithinTheStaleWindowServesStaleAndSaysSo() throws InterruptedException {
        EntityExchangeResult<byte[]> fresh = get("/v1/connections/fake-cache/videos/fake00000001");
        Thread.sleep(400); // past the 300 ms TTL, inside the 1 min stale-if-error window
        cacheVendor.failNext(20);
        EntityExchangeResult<byte[]> stale = get("/v1/connections/fake-cache/videos/fake00000001");
        assertThat(stale.getStatus().value()).isEqualTo(200);
        assertThat(stale.getResponseBodyContent()).isEqualTo(fresh.getResponseBodyContent());
        assertThat(stale.getResponseHeaders().getFirst("Cache-Status"))
                .isEqualTo("mediagate; fwd=stale; fwd-status=503; ttl=0");
    }

    @Test
    void notModifiedWhenTheETagStillMatches() {
        String etag = get("/v1/connections/fake-main/videos/fake00000001")
                .getResponseHeaders()
                .getETag();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        web.get()
                .uri("/v1/connections/fake-main/videos/fake00000001")
                .header("Authorization", FULL)
                .header("If-None-Match", etag)
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals("ETag", etag)
                .expectBody()
                .isEmpty();
        web.get()
                .uri("/v1/connections/fake-main/videos/fake00000001")
                .header("Authorization", FULL)
                .header("If-None-Match", "\"something-else\"")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void noCacheDoesNotJoinALoadThatBeganBeforeIt() {
        vendor.latency(Duration.ofMillis(400));
        Mono<EntityExchangeResult<byte[]>> first = Mono.fromCallable(
                        () -> get("/v1/connections/fake-main/videos/fake00000003"))
                .subscribeOn(Schedulers.boundedElastic());
        Mono<EntityExchangeResult<byte[]>> forced = Mono.delay(Duration.ofMillis(150))
                .publishOn(Schedulers.boundedElastic())
                .map(t -> get("/v1/connections/fake-main/videos/fake00000003", "Cache-Control", "no-cache"));
        var both = Mono.zip(first, forced).block(Duration.ofSeconds(10));
        assertThat(both.getT2().getResponseHeaders().getFirst("Cache-Status"))
                .isEqualTo("mediagate; fwd=request; stored");
        assertThat(vendor.calls())
                .as("the no-cache read asked the vendor itself")
                .isEqualTo(2);
    }

    @Test
    void noCacheBypassesAndRefreshes() {
        get("/v1/connections/fake-main/videos/fake00000002");
        EntityExchangeResult<byte[]> forced =
                get("/v1/connections/fake-main/videos/fake00000002", "Cache-Control", "no-cache");
        assertThat(forced.getResponseHeaders().getFirst("Cache-Status")).isEqualTo("mediagate; fwd=request; stored");
        assertThat(vendor.calls()).isEqualTo(2);
        assertThat(get("/v1/connections/fake-main/videos/fake00000002")
                        .getResponseHeaders()
                        .getFirst("Cache-Status"))
                .startsWith("mediagate; hit");
        assertThat(vendor.calls()).isEqualTo(2);
    }

    @Test
    void cacheMetricsCountHitsAndMisses() {
        get("/v1/connections/fake-main/videos/fake00000003");
        get("/v1/connections/fake-main/videos/fake00000003");
        String metrics = management()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .contains("mediagate_cache_requests_total{connection=\"fake-main\",result=\"hit\"}")
                .contains("mediagate_cache_requests_total{connection=\"fake-main\",result=\"miss\"}")
                .contains("mediagate_cache_weight_bytes{connection=\"fake-main\"}");
    }
}
