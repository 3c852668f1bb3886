package io.mediagate.gateway.config;

import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;

/**
 * Cluster mode: with {@code redisUrl} set, quotas and cache invalidations are shared through Redis.
 * {@code replicas} sizes the local fallback bucket ({@code limit / replicas}) used while Redis is unreachable;
 * {@code redisTimeout} bounds every Redis call so a slow Redis never hangs a request.
 *
 * @param redisUrl     Redis for cluster mode (shared quotas, idempotency keys, cache invalidation); unset = one
 *                     replica, everything in-process
 * @param replicas     replica count: sizes the local fallback buckets ({@code limit / replicas}) and inbound limits
 * @param redisTimeout bound on every Redis call; past it the replica falls back to local state
 */
public record ClusterProperties(URI redisUrl, @Positive Integer replicas, Duration redisTimeout) {
    public ClusterProperties {
        replicas = replicas == null ? 1 : replicas;
        redisTimeout = redisTimeout == null ? Duration.ofMillis(200) : redisTimeout;
    }

    public boolean enabled() {
        return redisUrl != null;
    }
}
