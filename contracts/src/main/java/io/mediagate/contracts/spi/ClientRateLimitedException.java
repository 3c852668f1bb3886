package io.mediagate.contracts.spi;

import java.time.Duration;

/** The client's own key is over its inbound limit: 429 {@code client-rate-limited} with {@code Retry-After}. */
public final class ClientRateLimitedException extends GatewayRefusal {
    /**
     * @param limit      requests the key may make per period on this replica
     * @param period     the limit's period
     * @param retryAfter when the next request would be admitted
     */
    public ClientRateLimitedException(long limit, Duration period, Duration retryAfter) {
        super(
                429,
                "client-rate-limited",
                "Too many requests",
                true,
                retryAfter,
                "client_rate_limited",
                "this key exceeded its limit of " + limit + " requests per " + period.toSeconds() + " s",
                null);
    }
}
