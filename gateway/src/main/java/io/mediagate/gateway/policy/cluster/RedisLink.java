package io.mediagate.gateway.policy.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.mediagate.gateway.config.ClusterProperties;
import io.mediagate.gateway.config.MediagateProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The connection to Redis in cluster mode ({@code mediagate.cluster.redis-url}). It never blocks a request:
 * it connects in the background, commands fail fast while Redis is away (no queueing), and callers ask
 * {@link #available()} and fall back to local state when it says no. Transitions are logged once and exposed
 * as the gauge {@code mediagate_cluster_redis_up}.
 */
@Component
public class RedisLink implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
    private static final Duration RECONNECT_EVERY = Duration.ofSeconds(2);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final ClusterProperties cluster;
    private final RedisClient client;
    private final ScheduledExecutorService connector;
    private final AtomicBoolean up = new AtomicBoolean(false);
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile long failedUntilNanos;

    public RedisLink(MediagateProperties properties, MeterRegistry meters) {
        this.cluster = properties.cluster();
        if (!cluster.enabled()) {
            client = null;
            connector = null;
            return;
        }
        client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // a queued command would wait for a reconnect: fail it at once and let the caller fall back
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(cluster.redisTimeout()))
                .build());
        connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mediagate-redis-connect");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("mediagate.cluster.redis.up", this, l -> l.available() ? 1 : 0)
                .description("1 while the shared Redis answers, 0 while this replica runs on local fallbacks")
                .register(meters);
        connector.scheduleWithFixedDelay(this::connectIfNeeded, 0, RECONNECT_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void connectIfNeeded() {
        if (connection != null) {
            report(connection.isOpen());
            return;
        }
        try {
            RedisURI uri = RedisURI.create(cluster.redisUrl());
            uri.setTimeout(cluster.redisTimeout().multipliedBy(5));
            connection = client.connect(CODEC, uri);
            report(true);
        } catch (RuntimeException e) {
            report(false);
        }
    }

    private void report(boolean nowUp) {
        if (up.getAndSet(nowUp) != nowUp) {
            if (nowUp) {
                log.info("cluster mode: Redis is reachable again; shared quotas and invalidations resume");
            } else {
                log.warn("cluster mode: Redis is unreachable; serving with local fallback buckets sized "
                        + "limit / {} until it returns", cluster.replicas());
            }
        }
    }

    public boolean enabled() {
        return cluster.enabled();
    }

    public ClusterProperties cluster() {
        return cluster;
    }

    /** Whether shared state may be used right now. */
    public boolean available() {
        StatefulRedisConnection<String, byte[]> c = connection;
        return c != null && c.isOpen() && System.nanoTime() - failedUntilNanos >= 0;
    }

    /** The live connection, if {@link #available()}. */
    public Optional<StatefulRedisConnection<String, byte[]>> connection() {
        return available() ? Optional.of(connection) : Optional.empty();
    }

    /**
     * A Redis call failed or timed out: stop using Redis for a moment rather than paying the timeout on every
     * request while it is sick.
     */
    public void markFailure() {
        failedUntilNanos = System.nanoTime() + RECONNECT_EVERY.toNanos();
        report(false);
    }

    public void markSuccess() {
        report(true);
    }

    public RedisClient client() {
        return client;
    }

    @Override
    public void destroy() {
        if (connector != null) {
            connector.shutdownNow();
        }
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }
}
