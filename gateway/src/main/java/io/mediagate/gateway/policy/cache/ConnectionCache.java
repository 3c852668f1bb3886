package io.mediagate.gateway.policy.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.mediagate.gateway.config.CacheProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * One connection's read cache: Caffeine bounded by weight (bytes), each entry kept for its TTL plus the
 * stale-if-error window. Concurrent misses for one key share one vendor call.
 */
final class ConnectionCache {
    // a caller that picked up the load just as it finished still gets its answer instead of a second call
    private static final Duration JOIN_WINDOW = Duration.ofSeconds(1);
    private final CacheProperties settings;
    private final Clock clock;
    private final Cache<CacheKey, CachedResponse> entries;
    private final Map<CacheKey, Mono<CachedResponse>> inFlight = new ConcurrentHashMap<>();

    ConnectionCache(CacheProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Duration keep = settings.staleIfError();
        this.entries = Caffeine.newBuilder()
                .maximumWeight(settings.maxWeightBytes())
                .weigher((CacheKey k, CachedResponse v) -> k.weight() + v.weight())
                .expireAfter(Expiry.creating((CacheKey k, CachedResponse v) -> ttl(k).plus(keep)))
                .executor(Runnable::run)
                .build();
    }

    Duration ttl(CacheKey key) {
        return key.isList() ? settings.listTtl() : settings.ttl();
    }

    CachedResponse present(CacheKey key) {
        return entries.getIfPresent(key);
    }

    boolean fresh(CacheKey key, CachedResponse r) {
        return clock.instant().isBefore(r.storedAt().plus(ttl(key)));
    }

    boolean usableStale(CacheKey key, CachedResponse r) {
        return clock.instant().isBefore(r.storedAt().plus(ttl(key)).plus(settings.staleIfError()));
    }

    long ttlLeftSeconds(CacheKey key, CachedResponse r) {
        return Math.max(
                0,
                Duration.between(clock.instant(), r.storedAt().plus(ttl(key))).toSeconds());
    }

    /** Loads through {@code load}, joining a load already running for the key, and stores the result. */
    Mono<CachedResponse> load(CacheKey key, Mono<CachedResponse> load) {
        return inFlight.computeIfAbsent(
                key,
                k -> load.doOnNext(r -> entries.put(k, r))
                        .doFinally(s -> inFlight.remove(k))
                        .cache(r -> JOIN_WINDOW, e -> Duration.ZERO, () -> Duration.ZERO));
    }

    /**
     * Loads through {@code load} without joining a load already running, and stores the result: a client that asked
     * for a fresh answer ({@code no-cache}) must not get one the vendor gave before it asked.
     */
    Mono<CachedResponse> reload(CacheKey key, Mono<CachedResponse> load) {
        return load.doOnNext(r -> entries.put(key, r));
    }

    void evictVideo(String id) {
        entries.asMap().keySet().removeIf(k -> id.equals(k.video()));
    }

    void evictLists() {
        entries.asMap().keySet().removeIf(CacheKey::isList);
    }

    void clear() {
        entries.invalidateAll();
    }

    long size() {
        return entries.estimatedSize();
    }

    long weight() {
        entries.cleanUp();
        return entries.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }
}
