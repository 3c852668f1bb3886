package io.mediagate.gateway.config;

import java.time.Duration;

/** How long the outcome of a request with an {@code Idempotency-Key} is kept and replayed. */
public record IdempotencyProperties(Duration ttl) {
    public IdempotencyProperties {
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
    }
}
