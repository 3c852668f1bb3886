package io.mediagate.gateway.events;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mediagate.gateway.policy.cluster.RedisLink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cluster mode: which replica polls a connection. The holder renews a Redis lease every round and, between
 * rounds, every {@code min(poll.interval, 1 s)}, so the lease is short (three renewals, at least 1 s) however long
 * the interval. The other replicas look as often whether the lease is free (its holder died, or none could take it
 * while Redis was away) and then run a round, which takes it: the new holder loads the connection's shared
 * catalogue first, so it compares against what the cluster knew and finds every change made meanwhile.
 */
final class PollLease {
    /** Whether this replica polls now, and whether it just took over (and must load the shared catalogue). */
    enum Held {
        NO,
        KEPT,
        TAKEN
    }

    private static final String LEASE = "mediagate:events:poll:";
    private static final String BASELINE = "mediagate:events:baseline:";
    private static final String CLAIM = "local v = redis.call('GET', KEYS[1]) "
            + "if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end "
            + "if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 2 end "
            + "return 0";
    private static final String RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end return 0";
    private final RedisLink redis;
    private final JsonMapper json;
    private final byte[] me = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
    private final byte[] ttlMillis;
    private final Duration renewEvery;

    PollLease(RedisLink redis, JsonMapper json, Duration interval) {
        this.redis = redis;
        this.json = json;
        this.renewEvery = interval.compareTo(Duration.ofSeconds(1)) < 0 ? interval : Duration.ofSeconds(1);
        long ttl = Math.max(1000, renewEvery.multipliedBy(3).toMillis());
        this.ttlMillis = Long.toString(ttl).getBytes(StandardCharsets.UTF_8);
    }

    /** How often the holder renews the lease between rounds. */
    Duration renewEvery() {
        return renewEvery;
    }

    /** Whether nobody holds the lease (it lapsed, or was never taken); false while Redis is away. */
    Mono<Boolean> free(String connection) {
        StatefulRedisConnection<String, byte[]> c = redis.connection().orElse(null);
        if (c == null) {
            return Mono.just(false);
        }
        return Mono.fromCompletionStage(() -> c.async().exists(LEASE + connection))
                .timeout(redis.cluster().redisTimeout())
                .map(n -> n == 0)
                .onErrorResume(e -> {
                    EventLog.failed(redis, e);
                    return Mono.just(false);
                });
    }

    /** The holder keeps its lease between rounds; completes with whether it still holds it. Never takes one. */
    Mono<Boolean> renew(String connection) {
        StatefulRedisConnection<String, byte[]> c = redis.connection().orElse(null);
        if (c == null) {
            return Mono.just(false);
        }
        return Mono.fromCompletionStage(() -> c.async()
                        .<Long>eval(RENEW, ScriptOutputType.INTEGER, new String[] {LEASE + connection}, me, ttlMillis))
                .timeout(redis.cluster().redisTimeout())
                .map(r -> r == 1)
                .onErrorResume(e -> {
                    EventLog.failed(redis, e);
                    return Mono.just(false);
                });
    }

    Mono<Held> hold(String connection) {
        if (!redis.enabled()) {
            return Mono.just(Held.KEPT);
        }
        StatefulRedisConnection<String, byte[]> c = redis.connection().orElse(null);
        if (c == null) {
            // no lease can be known while Redis is away: nobody polls, and nothing is lost (the catalogue waits)
            return Mono.just(Held.NO);
        }
        return Mono.fromCompletionStage(() -> c.async()
                        .<Long>eval(CLAIM, ScriptOutputType.INTEGER, new String[] {LEASE + connection}, me, ttlMillis))
                .timeout(redis.cluster().redisTimeout())
                .map(r -> r == 1 ? Held.KEPT : r == 2 ? Held.TAKEN : Held.NO)
                .onErrorResume(e -> {
                    EventLog.failed(redis, e);
                    return Mono.just(Held.NO);
                });
    }

    /** The connection's shared catalogue into {@code catalogue}. */
    Mono<Void> load(String connection, Catalogue catalogue) {
        StatefulRedisConnection<String, byte[]> c = redis.connection().orElse(null);
        if (c == null) {
            return Mono.error(new IllegalStateException("Redis away"));
        }
        return Mono.fromCompletionStage(() -> c.async().hgetall(EventLog.CATALOGUE + connection))
                .zipWith(Mono.fromCompletionStage(() -> c.async().exists(BASELINE + connection)))
                .timeout(redis.cluster().redisTimeout().multipliedBy(5))
                .doOnNext(t -> {
                    Map<String, JsonNode> videos = new HashMap<>();
                    t.getT1().forEach((id, bytes) -> videos.put(id, json.readTree(bytes)));
                    catalogue.replace(videos, t.getT2() > 0);
                })
                .then();
    }

    /** After this replica's baseline round: the whole catalogue, and the mark that a baseline exists. */
    Mono<Void> storeBaseline(String connection, Map<String, JsonNode> videos) {
        if (!redis.enabled()) {
            return Mono.empty();
        }
        StatefulRedisConnection<String, byte[]> c = redis.connection().orElse(null);
        if (c == null) {
            return Mono.error(new IllegalStateException("Redis away"));
        }
        Map<String, byte[]> encoded = new HashMap<>();
        videos.forEach((id, v) -> encoded.put(id, json.writeValueAsBytes(v)));
        Mono<Long> written = encoded.isEmpty()
                ? Mono.just(0L)
                : Mono.fromCompletionStage(() -> c.async().hset(EventLog.CATALOGUE + connection, encoded));
        return written.then(Mono.fromCompletionStage(
                        () -> c.async().set(BASELINE + connection, "1".getBytes(StandardCharsets.UTF_8))))
                .timeout(redis.cluster().redisTimeout().multipliedBy(10))
                .then();
    }

    static List<String> keysOf(String connection) {
        return List.of(LEASE + connection, BASELINE + connection, EventLog.CATALOGUE + connection);
    }
}
