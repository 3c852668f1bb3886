package io.mediagate.gateway.config;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * How long the outcome of a request with an {@code Idempotency-Key} is kept and replayed ({@code ttl}), and, in
 * cluster mode, how long the key is held for a running request without its replica renewing it ({@code lease}):
 * the longest a key stays "in progress" after the replica running it died.
 *
 * @param ttl   how long an outcome is kept and replayed (default 24h)
 * @param lease how long a running request holds its key unless its replica renews it (default 10s, at least 300ms)
 */
public record IdempotencyProperties(
        Duration ttl, @DurationMin(millis = 300) Duration lease) {
    public IdempotencyProperties {
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
        lease = lease == null ? Duration.ofSeconds(10) : lease;
    }

    /** A lease outliving the outcome would make no sense: the key would be free before the lease lapsed. */
    @AssertTrue(message = "mediagate.idempotency.lease must be shorter than mediagate.idempotency.ttl")
    public boolean isLeaseShorterThanTtl() {
        return lease.compareTo(ttl) < 0;
    }
}
