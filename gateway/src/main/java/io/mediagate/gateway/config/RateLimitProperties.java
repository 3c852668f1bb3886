package io.mediagate.gateway.config;

import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * An inbound limit: {@code limit} requests per {@code period} for one client key.
 *
 * @param limit  requests a client key may make per {@code period}
 * @param period the period of {@code limit}
 */
public record RateLimitProperties(@Positive Integer limit, Duration period) {
    RateLimitProperties merge(RateLimitProperties base) {
        return base == null
                ? this
                : new RateLimitProperties(limit != null ? limit : base.limit, period != null ? period : base.period);
    }
}
