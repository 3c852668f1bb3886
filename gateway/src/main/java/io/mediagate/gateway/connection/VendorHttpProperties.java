package io.mediagate.gateway.connection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The one HTTP client pool every vendor call uses, normalized and raw alike ({@code mediagate.vendor-http.*}).
 *
 * @param maxConnections         connections kept per vendor host (default {@code 500})
 * @param pendingAcquireMaxCount calls that may wait for a free connection, {@code -1} for no bound (the default:
 *                               the bulkhead and the quota already bound what is in flight)
 * @param pendingAcquireTimeout  how long a call waits for a free connection (default {@code 45s})
 * @param maxIdleTime            an idle connection is closed after this (default {@code 20s}: well below common
 *                               vendor keep-alive timeouts of 60 s and more, so a reused connection is rarely
 *                               closed under us)
 * @param evictEvery             how often idle connections are looked for and closed (default {@code 30s})
 */
@ConfigurationProperties("mediagate.vendor-http")
public record VendorHttpProperties(
        Integer maxConnections,
        Integer pendingAcquireMaxCount,
        Duration pendingAcquireTimeout,
        Duration maxIdleTime,
        Duration evictEvery) {
    public VendorHttpProperties {
        maxConnections = maxConnections == null ? 500 : maxConnections;
        pendingAcquireMaxCount = pendingAcquireMaxCount == null ? -1 : pendingAcquireMaxCount;
        pendingAcquireTimeout = pendingAcquireTimeout == null ? Duration.ofSeconds(45) : pendingAcquireTimeout;
        maxIdleTime = maxIdleTime == null ? Duration.ofSeconds(20) : maxIdleTime;
        evictEvery = evictEvery == null ? Duration.ofSeconds(30) : evictEvery;
        if (maxConnections < 1) {
            throw new IllegalArgumentException("mediagate.vendor-http.max-connections must be at least 1");
        }
        if (pendingAcquireMaxCount < -1 || pendingAcquireMaxCount == 0) {
            throw new IllegalArgumentException(
                    "mediagate.vendor-http.pending-acquire-max-count must be -1 (no " + "bound) or at least 1");
        }
        positive("pending-acquire-timeout", pendingAcquireTimeout);
        positive("max-idle-time", maxIdleTime);
        positive("evict-every", evictEvery);
    }

    private static void positive(String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("mediagate.vendor-http." + key + " must be positive");
        }
    }
}
