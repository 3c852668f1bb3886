package io.mediagate.gateway.policy.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.mediagate.gateway.config.ClusterProperties;
import io.mediagate.gateway.config.MediagateProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The link to Redis in cluster mode ({@code mediagate.cluster.redis-url}). It never blocks a request: it connects
 * in the background, commands fail fast while Redis is away (no queueing), and callers ask {@link #available()}
 * and fall back to local state when it says no.
 *
 * <p>One link state, with hysteresis: any failed or timed-out command (a hung Redis that accepts bytes but never
 * answers counts) takes the link down at once, and from then on no request touches Redis; only the background
 * probe brings it back, after {@value #UP_AFTER_PROBES} consecutive answered {@code PING}s. So a stalled Redis
 * gives one "unreachable" and one "reachable again" per outage instead of a flip whenever a request dares to try,
 * and {@code mediagate_cluster_redis_up} reads 0 exactly while this replica serves from local fallbacks. On every
 * return (not on the first connect) the recovery listeners run: they settle what the replica did alone and drop
 * what it may have missed.
 */
@Component
public class RedisLink implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
    static final Duration PROBE_EVERY = Duration.ofMillis(300);
    static final int UP_AFTER_PROBES = 3;
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** Where the link is: never connected yet, shared state in use, or serving from local fallbacks. */
    public enum State {
        CONNECTING,
        UP,
        DOWN
    }

    private final ClusterProperties cluster;
    private final RedisClient client;
    private final ClientResources resources;
    private final ScheduledExecutorService connector;
    private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Consumer<String>> channels = new ConcurrentHashMap<>();
    private volatile State state = State.CONNECTING;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private int goodProbes;

    public RedisLink(MediagateProperties properties, MeterRegistry meters) {
        this.cluster = properties.cluster();
        if (!cluster.enabled()) {
            client = null;
            resources = null;
            connector = null;
            return;
        }
        // Lettuce backs off up to 30 s between reconnects by default; a returning Redis should be used soon
        resources = DefaultClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(50), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS))
                .build();
        client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // a queued command would wait for a reconnect: fail it at once and let the caller fall back
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(cluster.redisTimeout()))
                .build());
        connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mediagate-redis-link");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("mediagate.cluster.redis.up", this, l -> l.available() ? 1 : 0)
                .description("1 while this replica uses the shared Redis, 0 while it serves from local fallbacks")
                .register(meters);
        connector.scheduleWithFixedDelay(this::probe, 0, PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private RedisURI uri() {
        RedisURI uri = RedisURI.create(cluster.redisUrl());
        uri.setTimeout(cluster.redisTimeout().multipliedBy(5));
        return uri;
    }

    /** Runs on the link's own thread: connects when needed and checks that Redis answers in time. */
    private void probe() {
        try {
            if (connection == null) {
                connection = client.connect(CODEC, uri());
            }
            if (pubsub == null) {
                pubsub = subscribe();
            }
            connection
                    .async()
                    .ping()
                    .toCompletableFuture()
                    .get(cluster.redisTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!pubsub.isOpen()) {
                throw new IllegalStateException("invalidation channel closed");
            }
            probeAnswered();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            down();
        }
    }

    private StatefulRedisPubSubConnection<String, String> subscribe() {
        StatefulRedisPubSubConnection<String, String> s = client.connectPubSub(uri());
        s.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                // messages sent while the channel was away are lost: the link is down until the probe sees it back
                down();
            }
        });
        s.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                Consumer<String> handler = channels.get(channel);
                if (handler != null) {
                    handler.accept(message);
                }
            }
        });
        if (!channels.isEmpty()) {
            // Lettuce re-subscribes these by itself after a reconnect
            s.sync().subscribe(channels.keySet().toArray(String[]::new));
        }
        return s;
    }

    private synchronized void probeAnswered() {
        if (state == State.UP) {
            return;
        }
        if (++goodProbes < UP_AFTER_PROBES && state == State.DOWN) {
            return;
        }
        State before = state;
        state = State.UP;
        goodProbes = 0;
        if (before == State.CONNECTING) {
            log.info("cluster mode: connected to Redis; quotas, idempotency keys and cache invalidations are shared");
            return;
        }
        log.info("cluster mode: Redis is reachable again; shared quotas and invalidations resume");
        for (Runnable listener : recoveryListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("cluster mode: a recovery step failed: {}", e.toString());
            }
        }
    }

    private synchronized void down() {
        goodProbes = 0;
        if (state == State.DOWN) {
            return;
        }
        state = State.DOWN;
        log.warn(
                "cluster mode: Redis is unreachable; serving with local fallback buckets sized limit / {} until "
                        + "it answers again",
                cluster.replicas());
    }

    public boolean enabled() {
        return cluster.enabled();
    }

    public ClusterProperties cluster() {
        return cluster;
    }

    /** The link's state; {@link State#UP} is the only one in which shared state is used. */
    public State state() {
        return state;
    }

    /** Whether shared state may be used right now. */
    public boolean available() {
        if (state != State.UP) {
            return false;
        }
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c == null || !c.isOpen()) {
            down();
            return false;
        }
        return true;
    }

    /** The live connection, if {@link #available()}. */
    public Optional<StatefulRedisConnection<String, byte[]>> connection() {
        return available() ? Optional.of(connection) : Optional.empty();
    }

    /**
     * A Redis call failed or timed out: the link goes down until the probe has seen Redis answer again, so no
     * request pays the timeout twice for a sick Redis.
     */
    public void markFailure() {
        if (cluster.enabled()) {
            down();
        }
    }

    /** Runs {@code listener} each time the link comes back after being down (on the link's own thread). */
    public void onRecovery(Runnable listener) {
        recoveryListeners.add(listener);
    }

    /** Delivers every message on {@code channel} to {@code handler}, across reconnects. */
    public void subscribe(String channel, Consumer<String> handler) {
        channels.put(channel, handler);
        if (connector != null) {
            connector.execute(() -> {
                StatefulRedisPubSubConnection<String, String> s = pubsub;
                if (s != null) {
                    try {
                        s.sync().subscribe(channel);
                    } catch (RuntimeException e) {
                        down();
                    }
                }
            });
        }
    }

    /**
     * Publishes {@code message} on {@code channel}; completes with whether Redis took it (within the timeout).
     * A failure takes the link down, and the caller decides whether the message must be sent again.
     */
    public CompletionStage<Boolean> publish(String channel, String message) {
        StatefulRedisConnection<String, byte[]> c = connection().orElse(null);
        if (c == null) {
            return CompletableFuture.completedFuture(false);
        }
        return c.async()
                .publish(channel, message.getBytes(StandardCharsets.UTF_8))
                .handle((receivers, e) -> {
                    if (e != null) {
                        markFailure();
                        return false;
                    }
                    return true;
                });
    }

    @Override
    public void destroy() {
        if (connector != null) {
            connector.shutdownNow();
        }
        if (pubsub != null) {
            pubsub.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }
}
