package io.mediagate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Webhook retry waits: doubling from the first backoff, jittered within the upper half, capped. */
class DeliveryBackoffTest {
    private static final Duration FIRST = Duration.ofSeconds(5);
    private static final Duration CAP = Duration.ofHours(1);

    @Test
    void eachWaitIsBetweenHalfAndAllOfADoublingCeiling() {
        Random random = new Random(42);
        for (int attempt = 0; attempt < 10; attempt++) {
            Duration ceiling = FIRST.multipliedBy(1L << attempt);
            for (int i = 0; i < 200; i++) {
                Duration wait = DeliveryBackoff.after(attempt, FIRST, CAP, random);
                assertThat(wait)
                        .as("attempt %d", attempt)
                        .isBetween(ceiling.dividedBy(2), ceiling.compareTo(CAP) > 0 ? CAP : ceiling);
            }
        }
    }

    @Test
    void theCeilingStopsAtTheCapHoweverManyAttempts() {
        Random random = new Random(7);
        for (int attempt : new int[] {10, 20, 40, 61, 62, 63, 1000}) {
            Duration wait = DeliveryBackoff.after(attempt, FIRST, CAP, random);
            assertThat(wait).as("attempt %d", attempt).isBetween(CAP.dividedBy(2), CAP);
        }
    }

    @Test
    void waitsAreJitteredNotAllTheSame() {
        Random random = new Random(1);
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(DeliveryBackoff.after(3, FIRST, CAP, random));
        }
        assertThat(seen).hasSizeGreaterThan(40);
    }

    @Test
    void theDefaultsRetryForADayStartingAtFiveSeconds() {
        EventsProperties.Webhooks defaults = new EventsProperties(null, null, null, null, null).webhooks();
        assertThat(defaults.retryFor()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.firstBackoff()).isEqualTo(FIRST);
        assertThat(defaults.maxBackoff()).isEqualTo(CAP);
        assertThat(new EventsProperties(null, null, null, null, null).poll().share())
                .isEqualTo(0.1);
    }
}
