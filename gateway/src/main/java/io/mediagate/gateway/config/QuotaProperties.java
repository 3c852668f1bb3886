package io.mediagate.gateway.config;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;

/**
 * An outbound token bucket: at most {@code limit} vendor calls in any {@code period}. {@code burst} tokens may
 * be spent at once (default 10% of the limit); the rest refill evenly. A call waits up to {@code maxWait} for a
 * token, then fails fast with 429. A vendor 429 pauses the bucket for its Retry-After, capped at
 * {@code maxRetryAfter}. A null {@code limit} means no quota.
 *
 * @param limit         vendor calls allowed per {@code period}; unset = no quota (unless the vendor publishes a plan)
 * @param period        the period of {@code limit}
 * @param burst         tokens that may be spent at once (default 10% of {@code limit}, at least 1)
 * @param maxWait       the longest a request waits for quota, all together; past it the answer is 429 at once
 * @param maxRetryAfter cap on how long a vendor Retry-After pauses the connection
 */
public record QuotaProperties(
        @Positive Integer limit,
        Duration period,
        @PositiveOrZero Integer burst,
        Duration maxWait,
        Duration maxRetryAfter) {
    QuotaProperties merge(QuotaProperties base) {
        return base == null
                ? this
                : new QuotaProperties(
                        limit != null ? limit : base.limit,
                        period != null ? period : base.period,
                        burst != null ? burst : base.burst,
                        maxWait != null ? maxWait : base.maxWait,
                        maxRetryAfter != null ? maxRetryAfter : base.maxRetryAfter);
    }
}
