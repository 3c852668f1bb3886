package io.mediagate.gateway.config;

import jakarta.validation.Valid;
import java.time.Duration;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Policy settings every connection (and client) inherits unless it sets its own. The built-in values are the
 * one place defaults live; {@code mediagate.defaults} overrides them field by field.
 *
 * @param quota   outbound rate limit towards each vendor connection
 * @param cache   read cache of each connection
 * @param retry   backoff of each connection's idempotent calls
 * @param circuit circuit breaker and bulkhead of each connection
 * @param inbound each client's inbound rate limit
 * @param timeout overall deadline of one request to a connection, retries, backoff and quota waits included
 */
public record PolicyDefaults(
        @Valid @NestedConfigurationProperty QuotaProperties quota,
        @Valid @NestedConfigurationProperty CacheProperties cache,
        @Valid @NestedConfigurationProperty RetryProperties retry,
        @Valid @NestedConfigurationProperty CircuitProperties circuit,
        @Valid @NestedConfigurationProperty RateLimitProperties inbound,
        Duration timeout) {

    public static final PolicyDefaults BUILT_IN = new PolicyDefaults(
            new QuotaProperties(null, Duration.ofMinutes(1), null, Duration.ofSeconds(2), Duration.ofMinutes(5)),
            new CacheProperties(
                    true, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(5), 64L * 1024 * 1024),
            new RetryProperties(4, Duration.ofMillis(200), Duration.ofSeconds(5)),
            new CircuitProperties(50, 10, 20, Duration.ofSeconds(10), 64),
            new RateLimitProperties(1200, Duration.ofMinutes(1)),
            Duration.ofSeconds(10));

    PolicyDefaults overBuiltIn() {
        return new PolicyDefaults(
                quota == null ? BUILT_IN.quota : quota.merge(BUILT_IN.quota),
                cache == null ? BUILT_IN.cache : cache.merge(BUILT_IN.cache),
                retry == null ? BUILT_IN.retry : retry.merge(BUILT_IN.retry),
                circuit == null ? BUILT_IN.circuit : circuit.merge(BUILT_IN.circuit),
                inbound == null ? BUILT_IN.inbound : inbound.merge(BUILT_IN.inbound),
                timeout == null ? BUILT_IN.timeout : timeout);
    }

    /** A connection's effective settings: its own values over these defaults. */
    public ConnectionPolicy forConnection(ConnectionProperties c) {
        return new ConnectionPolicy(
                c.quota() == null ? quota : c.quota().merge(quota),
                c.cache() == null ? cache : c.cache().merge(cache),
                c.retry() == null ? retry : c.retry().merge(retry),
                c.circuit() == null ? circuit : c.circuit().merge(circuit),
                c.timeout() == null ? timeout : c.timeout());
    }

    /** A client's effective inbound limit. */
    public RateLimitProperties forClient(ClientProperties c) {
        return c.rateLimit() == null ? inbound : c.rateLimit().merge(inbound);
    }
}
