package io.mediagate.gateway.policy.cache;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.policy.cluster.RedisLink;
import io.mediagate.gateway.policy.quota.QuotaExceededException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The central read cache: one {@link ConnectionCache} per connection. Reads are served fresh from the cache,
 * else loaded once (concurrent misses coalesce), and when the vendor fails (or the circuit is open) an expired
 * entry inside the stale-if-error window is served instead. Writes through the gateway evict the video and the
 * connection's list pages; in cluster mode evictions are broadcast on a Redis channel. A replica whose link to
 * Redis went down (unreachable or hung) clears its caches when it recovers, since it may have missed evictions
 * meanwhile, and sends again the evictions Redis did not take from it.
 */
@Component
public class ReadCache {
    private static final Logger log = LoggerFactory.getLogger(ReadCache.class);
    static final String CHANNEL = "mediagate:cache:invalidate";
    private static final String ALL_LISTS = "\u0000lists";

    /** A served read: the response and how it was obtained. */
    public record Served(CachedResponse response, CacheStatus status, long ttlSeconds, int failedStatus) {
    }

    private final Map<String, ConnectionCache> caches = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConnectionRegistry registry;
    private final RedisLink redis;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String replicaId = UUID.randomUUID().toString();
    // evictions Redis did not take; bounded: past it, the clear-on-recovery of the other replicas must do
    private final BlockingQueue<String> unsent = new LinkedBlockingQueue<>(10_000);

    public ReadCache(ConnectionRegistry registry, RedisLink redis, MeterRegistry meters, Clock clock) {
        this.registry = registry;
        this.redis = redis;
        this.meters = meters;
        this.clock = clock;
        for (Connection c : registry.all()) {
            // every outcome's series exists from start-up at 0, so a hit ratio reads 0 rather than "no data"
            for (CacheStatus status : CacheStatus.values()) {
                counter(c, status);
            }
            if (Boolean.TRUE.equals(c.policy().cache().enabled())) {
                ConnectionCache cache = new ConnectionCache(c.policy().cache(), clock);
                caches.put(c.id(), cache);
                Gauge.builder("mediagate.cache.size", cache, ConnectionCache::size).tag("connection", c.id())
                        .description("entries in the connection's read cache").register(meters);
                Gauge.builder("mediagate.cache.weight", cache, ConnectionCache::weight).tag("connection", c.id())
                        .baseUnit("bytes").description("estimated bytes held by the connection's read cache")
                        .register(meters);
            }
        }
        if (redis.enabled()) {
            redis.subscribe(CHANNEL, this::onMessage);
            redis.onRecovery(this::recovered);
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
        return cache.load(key, load)
                .map(r -> served(c, r, status, cache.ttl(key).toSeconds(), 0))
                .onErrorResume(e -> servesStale(e) && present != null && cache.usableStale(key, present),
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
        return counters.computeIfAbsent(c.id() + "\u0000" + status.metric(), k -> Counter.builder(
                        "mediagate.cache.requests")
                .description("reads of the normalized API by cache outcome (hit, miss, bypass, stale, disabled)")
                .tags("connection", c.id(), "result", status.metric()).register(meters));
    }

    /** Vendor trouble (not a client mistake) may be papered over with a stale answer. */
    private static boolean servesStale(Throwable e) {
        if (e instanceof ProviderException p) {
            return p.retryable() || p.kind() == ProviderException.Kind.UPSTREAM_ERROR;
        }
        return e instanceof CallNotPermittedException
                || e instanceof BulkheadFullException
                || e instanceof QuotaExceededException;
    }

    private static int failedStatus(Throwable e) {
        if (e instanceof ProviderException p) {
            return p.kind().httpStatus();
        }
        return e instanceof QuotaExceededException ? 429 : 503;
    }

    /** A video changed: drop it and every list page of the connection, here and on every replica. */
    public void videoChanged(String connection, String videoId) {
        evictLocally(connection, videoId);
        publish(connection + "\n" + videoId);
    }

    /** Videos were added (ingest): list pages are stale, here and on every replica. */
    public void listsChanged(String connection) {
        evictLocally(connection, ALL_LISTS);
        publish(connection + "\n" + ALL_LISTS);
    }

    private void evictLocally(String connection, String what) {
        ConnectionCache cache = caches.get(connection);
        if (cache == null) {
            return;
        }
        if (!ALL_LISTS.equals(what)) {
            cache.evictVideo(what);
        }
        cache.evictLists();
    }

    /**
     * Broadcasts an eviction. One that Redis did not take (link down, or a command timeout: a hung Redis) is kept
     * and sent again when the link recovers, so a replica that never noticed the outage still hears of it.
     */
    private void publish(String message) {
        String payload = replicaId + "\n" + message;
        redis.publish(CHANNEL, payload).thenAccept(sent -> {
            if (!sent) {
                unsent.offer(payload);
            }
        });
    }

    /** The link is back: what this replica may have missed is dropped, and what it could not send goes out. */
    private void recovered() {
        log.info("cluster mode: Redis is back; clearing read caches (invalidations may have been missed)");
        clearAll();
        for (String payload; (payload = unsent.poll()) != null; ) {
            String again = payload;
            redis.publish(CHANNEL, again).thenAccept(sent -> {
                if (!sent) {
                    unsent.offer(again);
                }
            });
        }
    }

    void onMessage(String message) {
        String[] parts = message.split("\n", 3);
        if (parts.length == 3 && !parts[0].equals(replicaId)) {
            evictLocally(parts[1], parts[2]);
        }
    }

    public void clearAll() {
        caches.values().forEach(ConnectionCache::clear);
    }

}
