package io.mediagate.gateway.config;

import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * An outbound token bucket: {@code limit} calls per {@code period}; a call waits up to {@code maxWait} for a
 * token. A null {@code limit} means no quota. {@code maxRetryAfter} caps how long a vendor 429 may pause the bucket.
 */
public record QuotaProperties(@Positive Integer limit, Duration period, Duration maxWait, Duration maxRetryAfter) {
    QuotaProperties merge(QuotaProperties base) {
        return base == null ? this : new QuotaProperties(
                limit != null ? limit : base.limit, period != null ? period : base.period,
                maxWait != null ? maxWait : base.maxWait, maxRetryAfter != null ? maxRetryAfter : base.maxRetryAfter);
    }
}
