package io.mediagate.gateway.config;

import java.time.Duration;

/** One connection's effective policy settings, every field set (own values merged over defaults). */
public record ConnectionPolicy(
        QuotaProperties quota,
        CacheProperties cache,
        RetryProperties retry,
        CircuitProperties circuit,
        Duration timeout) {}
