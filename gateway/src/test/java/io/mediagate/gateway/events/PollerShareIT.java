package io.mediagate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The poller keeps to its share of the connection's quota (fake-events-quota: 20 calls/s, share 10% = 2/s,
 * polled every 100 ms, so unbounded it would make 10/s), counted at the vendor, with and without client load.
 */
class PollerShareIT extends EventsTestSupport {
    @Autowired
    CataloguePoller poller;

    /** The most the poller may have made in {@code millis}: its allowance per started 1 s window. */
    private long allowed(long millis) {
        return poller.allowance("fake-events-quota") * (millis / 1000 + 2);
    }

    @Test
    void idleThePollerSpendsItsShareAndNoMore() throws InterruptedException {
        assertThat(poller.allowance("fake-events-quota")).isEqualTo(2);
        int before = quotaEventsVendor.calls();
        long start = System.nanoTime();
        Thread.sleep(3000);
        long millis = (System.nanoTime() - start) / 1_000_000;
        int calls = quotaEventsVendor.calls() - before;
        System.out.println("poller alone: " + calls + " vendor calls in " + millis + " ms");
        assertThat(calls).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo((int) allowed(millis));
    }

    @Test
    void underClientLoadThePollerStaysWithinItsShareAndClientsGetTheRest() {
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        int before = quotaEventsVendor.calls();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(3).toNanos();
        // 8 clients calling back to back for 3 s: more than the quota's 20/s, so they use all the rest
        List<Mono<Void>> loops = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            loops.add(Flux.range(0, Integer.MAX_VALUE)
                    .concatMap(n -> client.get()
                            .uri("/v1/connections/fake-events-quota/videos/fake00000001")
                            .header("Authorization", FULL)
                            .exchangeToMono(r ->
                                    r.releaseBody().thenReturn(r.statusCode().value())))
                    // counted before the stop test: the last answer of each loop cost a vendor call too
                    .doOnNext(s -> (s == 200 ? ok : refused).incrementAndGet())
                    .takeWhile(s -> System.nanoTime() < end)
                    .then());
        }
        Flux.merge(loops).then().block(Duration.ofSeconds(20));
        long millis = (System.nanoTime() - start) / 1_000_000;
        int vendorCalls = quotaEventsVendor.calls() - before;
        // each answered client request is one vendor call (no cache, no retry on success); refusals cost none
        int pollerCalls = vendorCalls - ok.get();
        System.out.println("under load: clients " + ok.get() + " answered, " + refused.get() + " refused; poller "
                + pollerCalls + " vendor calls in " + millis + " ms");
        assertThat(pollerCalls).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo((int) allowed(millis));
        assertThat(ok.get()).as("client calls answered").isGreaterThanOrEqualTo(40);
    }
}
