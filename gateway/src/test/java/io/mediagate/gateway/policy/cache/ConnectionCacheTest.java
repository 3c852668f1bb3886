package io.mediagate.gateway.policy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.config.CacheProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ConnectionCacheTest {

    @Test
    void hundredThousandDistinctEntriesStayWithinTheConfiguredWeight() {
        long max = 4L * 1024 * 1024;
        ConnectionCache cache = new ConnectionCache(
                new CacheProperties(true, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(5), max),
                Clock.systemUTC());
        byte[] body = new byte[400];
        Arrays.fill(body, (byte) 'x');
        for (int i = 0; i < 100_000; i++) {
            cache.load(CacheKey.video("video-" + i, false), Mono.just(CachedResponse.of(body, Instant.now())))
                    .block();
        }
        assertThat(cache.weight()).isLessThanOrEqualTo(max).isGreaterThan(max / 2);
        assertThat(cache.size()).isLessThan(100_000).isGreaterThan(1_000);
    }
}
