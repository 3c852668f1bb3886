package io.mediagate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.gateway.config.RetryProperties;
import io.mediagate.gateway.policy.retry.Backoff;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final RetryProperties settings = new RetryProperties(6, Duration.ofMillis(100), Duration.ofMillis(1000));
    private final ProviderException down = ProviderException.unavailable("down", 503, null);

    @Test
    void ceilingDoublesFromTheFirstBackoffUpToTheCap() {
        Backoff backoff = new Backoff(settings, () -> 1.0);
        assertThat(new long[] {
                    backoff.ceiling(1).toMillis(),
                    backoff.ceiling(2).toMillis(),
                    backoff.ceiling(3).toMillis(),
                    backoff.ceiling(4).toMillis(),
                    backoff.ceiling(5).toMillis(),
                    backoff.ceiling(40).toMillis()
                })
                .containsExactly(100, 200, 400, 800, 1000, 1000);
    }

    @Test
    void fullJitterSpreadsWaitsOverZeroToTheCeiling() {
        Backoff backoff = Backoff.withFullJitter(settings);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long wait = backoff.waitAfter(3, down).toMillis();
            assertThat(wait).isBetween(0L, 400L);
            seen.add(wait);
        }
        assertThat(seen).as("jittered, not constant").hasSizeGreaterThan(20);
    }

    @Test
    void vendorRetryAfterReplacesTheJitteredWait() {
        Backoff backoff = Backoff.withFullJitter(settings);
        ProviderException limited = ProviderException.rateLimited(Duration.ofSeconds(2), 429);
        assertThat(backoff.waitAfter(1, limited)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retriesOnlyRetryableFailuresAndNeverPastTheDeadline() {
        Backoff backoff = Backoff.withFullJitter(settings);
        long soon = System.nanoTime() + Duration.ofMillis(500).toNanos();
        var retry = backoff.forRequest("t", soon);
        var predicate = retry.getRetryConfig().getExceptionPredicate();
        assertThat(predicate.test(down)).isTrue();
        assertThat(predicate.test(ProviderException.notFound("video x"))).isFalse();
        assertThat(predicate.test(ProviderException.rateLimited(Duration.ofSeconds(5), 429)))
                .as("a Retry-After past the deadline is not waited for")
                .isFalse();
        assertThat(predicate.test(ProviderException.rateLimited(Duration.ofMillis(100), 429)))
                .isTrue();
    }
}
