package io.mediagate.gateway.events;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before a webhook delivery's next attempt: exponential with jitter. The ceiling doubles with each
 * attempt from {@code first} up to {@code cap}; the wait is drawn between half the ceiling and all of it, so
 * receivers that failed together are not all retried at the same instant, and no wait is shorter than half the
 * schedule says ("equal jitter", https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */
final class DeliveryBackoff {
    private DeliveryBackoff() {}

    /** The wait after failed attempt number {@code attempt} (0 for the first attempt). */
    static Duration after(int attempt, Duration first, Duration cap, RandomGenerator random) {
        long max = cap.toNanos();
        // first × 2^attempt, compared before shifting so it cannot overflow
        long ceiling = attempt >= 62 || first.toNanos() > max >> attempt ? max : first.toNanos() << attempt;
        return Duration.ofNanos(random.nextLong(ceiling / 2, ceiling + 1));
    }
}
