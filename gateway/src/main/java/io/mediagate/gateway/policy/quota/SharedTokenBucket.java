package io.mediagate.gateway.policy.quota;

import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mediagate.gateway.policy.cluster.RedisLink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import reactor.core.publisher.Mono;

/**
 * A bucket every replica shares through Redis (Bucket4j's compare-and-swap over Lettuce). Each Redis call is
 * bounded by {@code mediagate.cluster.redis-timeout}; on timeout or error (or while the link is down) this
 * replica falls back to a local bucket sized {@code limit / replicas}. Fail-open on purpose: a sick Redis must
 * not stop traffic, and the fallback still keeps the fleet within the plan as long as the replica count is right.
 *
 * <p>Neither side of a hand-over may start full, or a window of one period around it holds more than the plan:
 * <ul>
 *   <li>the fallback starts empty each time it takes over (the shared bucket may have just spent its burst);</li>
 *   <li>the shared bucket, when Redis has to create it (first use, or Redis restarted empty), starts empty;</li>
 *   <li>coming back, this replica first spends on the shared bucket every token it took from the fallback in the
 *   last period, so the fleet's fallback spending counts against the shared plan.</li>
 * </ul>
 */
final class SharedTokenBucket implements TokenBucket {
    // how long Redis keeps an idle bucket once full; long, because a re-created bucket starts empty
    private static final Duration KEEP_IDLE = Duration.ofHours(1);
    private final RedisLink link;
    private final String key;
    private final BucketShape shape;
    private final BucketShape fallbackShape;
    // nanoTimes of the tokens this replica took from the fallback during the last period
    private final Deque<Long> fallbackSpent = new ArrayDeque<>();
    private LocalTokenBucket fallback;
    private volatile StatefulRedisConnection<String, byte[]> builtFor;
    private volatile AsyncBucketProxy proxy;

    SharedTokenBucket(RedisLink link, String key, BucketShape shape, BucketShape fallbackShape) {
        this.link = link;
        this.key = key;
        this.shape = shape;
        this.fallbackShape = fallbackShape;
    }

    private AsyncBucketProxy proxy() {
        StatefulRedisConnection<String, byte[]> connection = link.connection().orElse(null);
        if (connection == null) {
            return null;
        }
        if (connection != builtFor) {
            ProxyManager<String> manager = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_IDLE))
                    .build();
            proxy = manager.asAsync().builder().build(key, shape.configuration(0));
            builtFor = connection;
        }
        return proxy;
    }

    @Override
    public Mono<Reservation> reserve() {
        AsyncBucketProxy shared = proxy();
        if (shared == null) {
            return Mono.fromSupplier(this::fromFallback);
        }
        long settle = takeFallbackDebt();
        // the fallback's recent tokens go first; our token is the last of them, and waits for all
        return Mono.fromFuture(() -> shared.consumeIgnoringRateLimits(1 + settle))
                .timeout(link.cluster().redisTimeout())
                .map(wait -> new Reservation(wait, false))
                .onErrorResume(e -> {
                    link.markFailure();
                    restoreFallbackDebt(settle);
                    return Mono.fromSupplier(this::fromFallback);
                });
    }

    private synchronized Reservation fromFallback() {
        if (fallback == null) {
            fallback = LocalTokenBucket.emptyFallback(fallbackShape);
        }
        Reservation r = fallback.take();
        fallbackSpent.addLast(System.nanoTime() + r.waitNanos());
        return r;
    }

    /** Leaves fallback mode: how many fallback tokens of the last period the shared bucket must still pay. */
    private synchronized long takeFallbackDebt() {
        if (fallback == null) {
            return 0;
        }
        fallback = null;
        long since = System.nanoTime() - shape.period().toNanos();
        long debt = fallbackSpent.stream().filter(t -> t - since > 0).count();
        fallbackSpent.clear();
        return debt;
    }

    private synchronized void restoreFallbackDebt(long debt) {
        long now = System.nanoTime();
        for (long i = 0; i < debt; i++) {
            fallbackSpent.addLast(now);
        }
    }

    @Override
    public void giveBack(Reservation reservation) {
        if (reservation.fallback()) {
            synchronized (this) {
                if (fallback != null) {
                    fallback.giveBack(reservation);
                    fallbackSpent.pollLast();
                }
            }
            return;
        }
        AsyncBucketProxy shared = proxy();
        if (shared != null) {
            Mono.fromFuture(() -> shared.addTokens(1))
                    .timeout(link.cluster().redisTimeout())
                    .subscribe(ok -> {}, e -> link.markFailure());
        }
    }

    @Override
    public Mono<Long> available() {
        AsyncBucketProxy shared = proxy();
        Mono<Long> local = Mono.fromSupplier(() -> {
            synchronized (this) {
                return fallback == null ? 0L : fallback.availableNow();
            }
        });
        if (shared == null) {
            return local;
        }
        return Mono.fromFuture(() -> shared.getAvailableTokens())
                .timeout(link.cluster().redisTimeout())
                .onErrorResume(e -> local);
    }

    @Override
    public Mono<Void> drain(long debt) {
        AsyncBucketProxy shared = proxy();
        Mono<Void> local = Mono.fromRunnable(() -> {
            synchronized (this) {
                if (fallback != null) {
                    fallback.drainNow(debt);
                }
            }
        });
        if (shared == null) {
            return local;
        }
        return Mono.fromFuture(() -> shared.getAvailableTokens())
                .flatMap(available ->
                        Mono.fromFuture(() -> shared.consumeIgnoringRateLimits(Math.max(0, available) + debt)))
                .timeout(link.cluster().redisTimeout())
                .then(local)
                .onErrorResume(e -> {
                    link.markFailure();
                    return local;
                });
    }
}
