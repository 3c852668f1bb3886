package io.mediagate.gateway.policy.quota;

import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mediagate.gateway.policy.cluster.RedisLink;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * A bucket every replica shares through Redis (Bucket4j's compare-and-swap over Lettuce). Each Redis call is
 * bounded by {@code mediagate.cluster.redis-timeout}; on timeout or error this replica falls back to a local
 * bucket sized {@code limit / replicas}. Fail-open on purpose: a sick Redis must not stop traffic, and the
 * fallback still keeps the fleet within the plan as long as the replica count is right.
 */
final class SharedTokenBucket implements TokenBucket {
    private final RedisLink link;
    private final String key;
    private final BucketShape shape;
    private final LocalTokenBucket fallback;
    private final Counter fallbacks;
    private volatile StatefulRedisConnection<String, byte[]> builtFor;
    private volatile AsyncBucketProxy proxy;

    SharedTokenBucket(RedisLink link, String key, BucketShape shape, LocalTokenBucket fallback, Counter fallbacks) {
        this.link = link;
        this.key = key;
        this.shape = shape;
        this.fallback = fallback;
        this.fallbacks = fallbacks;
    }

    private AsyncBucketProxy proxy() {
        StatefulRedisConnection<String, byte[]> connection = link.connection().orElse(null);
        if (connection == null) {
            return null;
        }
        if (connection != builtFor) {
            ProxyManager<String> manager = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy
                            .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build();
            proxy = manager.asAsync().builder().build(key, shape.configuration());
            builtFor = connection;
        }
        return proxy;
    }

    @Override
    public Mono<Long> reserve() {
        AsyncBucketProxy shared = proxy();
        if (shared == null) {
            fallbacks.increment();
            return fallback.reserve();
        }
        return Mono.fromFuture(() -> shared.consumeIgnoringRateLimits(1))
                .timeout(link.cluster().redisTimeout())
                .doOnNext(t -> link.markSuccess())
                .onErrorResume(e -> {
                    link.markFailure();
                    fallbacks.increment();
                    return fallback.reserve();
                });
    }

    @Override
    public Mono<Void> giveBack() {
        AsyncBucketProxy shared = proxy();
        if (shared == null) {
            return fallback.giveBack();
        }
        return Mono.fromFuture(() -> shared.addTokens(1)).timeout(link.cluster().redisTimeout())
                .onErrorResume(e -> Mono.empty()).then();
    }

    @Override
    public Mono<Void> drain(long debt) {
        AsyncBucketProxy shared = proxy();
        Mono<Void> local = fallback.drain(debt);
        if (shared == null) {
            return local;
        }
        return Mono.fromFuture(() -> shared.getAvailableTokens())
                .flatMap(available -> Mono.fromFuture(() -> shared.consumeIgnoringRateLimits(
                        Math.max(0, available) + debt)))
                .timeout(link.cluster().redisTimeout())
                .then(local)
                .onErrorResume(e -> {
                    link.markFailure();
                    return local;
                });
    }
}
