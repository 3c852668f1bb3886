package io.mediagate.gateway.policy.cache;

import io.mediagate.gateway.policy.cluster.RedisLink;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a write makes stale in the {@link ReadCache}, dropped here and, in cluster mode, on every replica: the
 * evictions are broadcast on a Redis channel over the one {@link RedisLink} (its reconnects are the only ones). A
 * replica whose link went down (unreachable or hung) clears its caches when the link recovers, since it may have
 * missed evictions meanwhile, and sends again the evictions Redis did not take from it.
 */
@Component
public class CacheInvalidation {
    private static final Logger log = LoggerFactory.getLogger(CacheInvalidation.class);
    static final String CHANNEL = "mediagate:cache:invalidate";

    private final ReadCache cache;
    private final RedisLink redis;
    private final String replicaId = UUID.randomUUID().toString();
    // evictions Redis did not take; bounded: past it, the clear-on-recovery of the other replicas must do
    private final BlockingQueue<String> unsent = new LinkedBlockingQueue<>(10_000);

    public CacheInvalidation(ReadCache cache, RedisLink redis) {
        this.cache = cache;
        this.redis = redis;
        if (redis.enabled()) {
            redis.subscribe(CHANNEL, this::onMessage);
            redis.onRecovery(this::recovered);
        }
    }

    /** A video changed: drop it and every list page of the connection. */
    public void videoChanged(String connection, String videoId) {
        evict(connection, videoId);
    }

    /** Videos were added (ingest): the connection's list pages are stale. */
    public void listsChanged(String connection) {
        evict(connection, ReadCache.ALL_LISTS);
    }

    /**
     * Something changed that the gateway cannot name (a raw write: the vendor's own API, any resource): everything
     * cached for the connection is dropped.
     */
    public void connectionChanged(String connection) {
        evict(connection, ReadCache.ALL);
    }

    private void evict(String connection, String what) {
        cache.evictLocally(connection, what);
        publish(connection + "\n" + what);
    }

    /**
     * Broadcasts an eviction. One that Redis did not take (link down, or a command timeout: a hung Redis) is kept
     * and sent again when the link recovers, so a replica that never noticed the outage still hears of it.
     */
    private void publish(String message) {
        if (!redis.enabled()) {
            return;
        }
        send(replicaId + "\n" + message);
    }

    private void send(String payload) {
        redis.publish(CHANNEL, payload).thenAccept(sent -> {
            if (!sent) {
                unsent.offer(payload);
            }
        });
    }

    /** The link is back: what this replica may have missed is dropped, and what it could not send goes out. */
    private void recovered() {
        log.info("cluster mode: Redis is back; clearing read caches (invalidations may have been missed)");
        cache.clearAll();
        for (String payload; (payload = unsent.poll()) != null; ) {
            send(payload);
        }
    }

    void onMessage(String message) {
        String[] parts = message.split("\n", 3);
        if (parts.length == 3 && !parts[0].equals(replicaId)) {
            cache.evictLocally(parts[1], parts[2]);
        }
    }
}
