package io.mediagate.gateway.config;

import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * Backoff: at most {@code maxAttempts} calls, exponential from {@code firstBackoff} with full jitter, capped.
 *
 * @param maxAttempts  vendor calls per request at most (idempotent calls only)
 * @param firstBackoff the first backoff ceiling; doubles per attempt
 * @param maxBackoff   the cap of the backoff ceiling
 */
public record RetryProperties(@Positive Integer maxAttempts, Duration firstBackoff, Duration maxBackoff) {
    RetryProperties merge(RetryProperties base) {
        return base == null
                ? this
                : new RetryProperties(
                        maxAttempts != null ? maxAttempts : base.maxAttempts,
                        firstBackoff != null ? firstBackoff : base.firstBackoff,
                        maxBackoff != null ? maxBackoff : base.maxBackoff);
    }
}
