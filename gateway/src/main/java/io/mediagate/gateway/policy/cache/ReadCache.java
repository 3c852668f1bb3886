package io.mediagate.gateway.policy.cache;

import io.mediagate.contracts.spi.Failure;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.web.FailureMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The central read cache, the pipeline's cache stage: one {@link ConnectionCache} per connection. Reads are served
 * fresh from the cache, else loaded once (concurrent misses coalesce), and when the vendor fails (or the circuit is
 * open) an expired entry inside the stale-if-error window is served instead. What writes drop, here and on the
 * other replicas, is {@link CacheInvalidation}'s business.
 */
@Component
public class ReadCache {
    /** Eviction target: every list page of a connection. */
    static final String ALL_LISTS = "\u0000lists";
    /** Eviction target: everything the connection's cache holds. */
    static final String ALL = "\u0000all";

    /** A served read: the response and how it was obtained. */
    public record Served(CachedResponse response, CacheStatus status, long ttlSeconds, int failedStatus) {}

    private final Map<String, ConnectionCache> caches = new ConcurrentHashMap<>();
    // by connection, then outcome: a hit finds its counter without building a key
    private final Map<String, Map<CacheStatus, Counter>> counters = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    public ReadCache(ConnectionRegistry registry, MeterRegistry meters, Clock clock) {
        this.meters = meters;
        for (Connection c : registry.all()) {
            // every outcome's series exists from start-up at 0, so a hit ratio reads 0 rather than "no data"
            for (CacheStatus status : CacheStatus.values()) {
                counter(c, status);
            }
            if (Boolean.TRUE.equals(c.policy().cache().enabled())) {
                ConnectionCache cache = new ConnectionCache(c.policy().cache(), clock);
                caches.put(c.id(), cache);
                Gauge.builder("mediagate.cache.size", cache, ConnectionCache::size)
                        .tag("connection", c.id())
                        .description("entries in the connection's read cache")
                        .register(meters);
                Gauge.builder("mediagate.cache.weight", cache, ConnectionCache::weight)
                        .tag("connection", c.id())
                        .baseUnit("bytes")
                        .description("estimated bytes held by the connection's read cache")
                        .register(meters);
            }
        }
    }

    /**
     * Answers a read from the cache or through {@code load}. {@code bypass} (the client sent
     * {@code Cache-Control: no-cache}) skips the lookup but stores the fresh answer.
     */
    public Mono<Served> read(Connection c, CacheKey key, boolean bypass, Mono<CachedResponse> load) {
        ConnectionCache cache = caches.get(c.id());
        if (cache == null) {
            return load.map(r -> served(c, r, CacheStatus.DISABLED, 0, 0));
        }
        CachedResponse present = cache.present(key);
        if (!bypass && present != null && cache.fresh(key, present)) {
            return Mono.just(served(c, present, CacheStatus.HIT, cache.ttlLeftSeconds(key, present), 0));
        }
        CacheStatus status = bypass ? CacheStatus.BYPASS : CacheStatus.MISS;
        return (bypass ? cache.reload(key, load) : cache.load(key, load))
                .map(r -> served(c, r, status, cache.ttl(key).toSeconds(), 0))
                .onErrorResume(
                        e -> servesStale(e) && present != null && cache.usableStale(key, present),
                        e -> Mono.just(served(c, present, CacheStatus.STALE, 0, failedStatus(e))));
    }

    /** A fresh hit for {@code key}, counted as one, or null: the caller then takes the normal path. */
    public Served freshHit(Connection c, CacheKey key) {
        ConnectionCache cache = caches.get(c.id());
        if (cache == null) {
            return null;
        }
        CachedResponse present = cache.present(key);
        if (present == null || !cache.fresh(key, present)) {
            return null;
        }
        return served(c, present, CacheStatus.HIT, cache.ttlLeftSeconds(key, present), 0);
    }

    private Served served(Connection c, CachedResponse r, CacheStatus status, long ttl, int failed) {
        counter(c, status).increment();
        return new Served(r, status, ttl, failed);
    }

    private Counter counter(Connection c, CacheStatus status) {
        Map<CacheStatus, Counter> byStatus = counters.get(c.id());
        Counter counter = byStatus == null ? null : byStatus.get(status);
        return counter != null ? counter : register(c, status);
    }

    private Counter register(Connection c, CacheStatus status) {
        return counters.computeIfAbsent(c.id(), id -> new ConcurrentHashMap<>())
                .computeIfAbsent(
                        status,
                        s -> Counter.builder("mediagate.cache.requests")
                                .description(
                                        "reads of the normalized API by cache outcome (hit, miss, bypass, stale, disabled)")
                                .tags("connection", c.id(), "result", status.metric())
                                .register(meters));
    }

    /** Vendor trouble (not a client mistake) may be papered over with a stale answer. */
    private static boolean servesStale(Throwable e) {
        Failure f = FailureMapper.classify(e);
        return f != null && (f.retryable() || f.vendorIsSick());
    }

    private static int failedStatus(Throwable e) {
        Failure f = FailureMapper.classify(e);
        return f != null ? f.httpStatus() : 503;
    }

    /** Drops {@code what} (a video id, or {@link #ALL} for every entry) and every list page of the connection. */
    void evictLocally(String connection, String what) {
        ConnectionCache cache = caches.get(connection);
        if (cache == null) {
            return;
        }
        if (ALL.equals(what)) {
            cache.clear();
            return;
        }
        if (!ALL_LISTS.equals(what)) {
            cache.evictVideo(what);
        }
        cache.evictLists();
    }

    public void clearAll() {
        caches.values().forEach(ConnectionCache::clear);
    }
}
