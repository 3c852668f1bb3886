package io.mediagate.gateway.config;

import jakarta.validation.Valid;
import java.time.Duration;

/**
 * Policy settings every connection inherits unless it sets its own. The built-in values are the one place
 * defaults live; {@code mediagate.defaults} overrides them field by field.
 */
public record PolicyDefaults(@Valid QuotaProperties quota, @Valid CacheProperties cache,
                             @Valid RetryProperties retry, Duration timeout) {

    public static final PolicyDefaults BUILT_IN = new PolicyDefaults(
            new QuotaProperties(null, Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofMinutes(5)),
            new CacheProperties(true, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(5),
                    64L * 1024 * 1024),
            new RetryProperties(4, Duration.ofMillis(200), Duration.ofSeconds(5)),
            Duration.ofSeconds(10));

    PolicyDefaults overBuiltIn() {
        return new PolicyDefaults(
                quota == null ? BUILT_IN.quota : quota.merge(BUILT_IN.quota),
                cache == null ? BUILT_IN.cache : cache.merge(BUILT_IN.cache),
                retry == null ? BUILT_IN.retry : retry.merge(BUILT_IN.retry),
                timeout == null ? BUILT_IN.timeout : timeout);
    }

    /** A connection's effective settings: its own values over these defaults. */
    public ConnectionPolicy forConnection(ConnectionProperties c) {
        return new ConnectionPolicy(
                c.quota() == null ? quota : c.quota().merge(quota),
                c.cache() == null ? cache : c.cache().merge(cache),
                c.retry() == null ? retry : c.retry().merge(retry),
                c.timeout() == null ? timeout : c.timeout());
    }
}
