package io.mediagate.gateway.policy.quota;

import io.mediagate.gateway.config.QuotaProperties;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.policy.cluster.RedisLink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The outbound quota of every connection. A vendor call first reserves a token and waits for its turn up to
 * {@code quota.max-wait} (never past the request's deadline), else fails at once with {@link QuotaExceededException}.
 * A vendor 429 drains the bucket for the vendor's Retry-After (capped by {@code quota.max-retry-after}), pausing
 * that connection, and only that one, on every replica that shares the bucket.
 */
@Component
public class OutboundQuota {
    private final RedisLink redis;
    private final MeterRegistry registry;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();
    private final Map<String, Long> pausedUntil = new ConcurrentHashMap<>();

    public OutboundQuota(RedisLink redis, MeterRegistry registry) {
        this.redis = redis;
        this.registry = registry;
    }

    private TokenBucket bucket(Connection c) {
        return buckets.computeIfAbsent(c.id(), id -> {
            QuotaProperties q = c.policy().quota();
            if (!redis.enabled()) {
                return new LocalTokenBucket(BucketShape.of(q, 1));
            }
            return new SharedTokenBucket(redis, "mediagate:quota:" + id, BucketShape.of(q, 1),
                    new LocalTokenBucket(BucketShape.of(q, redis.cluster().replicas())),
                    registry.counter("mediagate.quota.fallback", "connection", id));
        });
    }

    /**
     * Completes when this call may go: a token is reserved at once and the call waits out its turn, if that turn
     * comes within {@code quota.max-wait} (and the request's remaining {@code budget}); otherwise the token is
     * given back and the call is refused at once, with the real wait as Retry-After.
     */
    public Mono<Void> acquire(Connection c, Duration budget) {
        QuotaProperties q = c.policy().quota();
        if (q.limit() == null) {
            return Mono.empty();
        }
        long maxWait = Math.min(q.maxWait().toNanos(), budget.toNanos());
        Meters m = meters(c);
        TokenBucket bucket = bucket(c);
        return bucket.reserve().flatMap(wait -> {
            if (wait <= 0) {
                m.waits.record(0, TimeUnit.NANOSECONDS);
                return Mono.empty();
            }
            if (wait > maxWait) {
                m.rejections.increment();
                return bucket.giveBack().then(Mono.error(new QuotaExceededException(c.id(), Duration.ofNanos(wait))));
            }
            m.waits.record(wait, TimeUnit.NANOSECONDS);
            // the call's reserved turn: waiting for it is the quota, not a vendor-facing retry
            return Mono.delay(Duration.ofNanos(wait)).then();
        });
    }

    /**
     * Completes when {@code calls} calls made now would each get a token within {@code quota.max-wait}, else fails
     * with {@link QuotaExceededException} carrying the wait of the last one. Takes no token: every reservation is
     * given back, so the calls then pay for themselves through {@link #acquire} like any other.
     */
    public Mono<Void> affords(Connection c, int calls) {
        QuotaProperties q = c.policy().quota();
        if (q.limit() == null || calls <= 0) {
            return Mono.empty();
        }
        TokenBucket bucket = bucket(c);
        return reserveAll(bucket, calls, 0L).flatMap(lastWait -> {
            Mono<Void> giveBack = Mono.empty();
            for (int i = 0; i < calls; i++) {
                giveBack = giveBack.then(bucket.giveBack());
            }
            return lastWait > q.maxWait().toNanos()
                    ? giveBack.then(Mono.error(new QuotaExceededException(c.id(), Duration.ofNanos(lastWait))))
                    : giveBack;
        });
    }

    private static Mono<Long> reserveAll(TokenBucket bucket, int remaining, long lastWait) {
        return remaining == 0 ? Mono.just(lastWait)
                : bucket.reserve().flatMap(wait -> reserveAll(bucket, remaining - 1, wait));
    }

    private record Meters(Timer waits, Counter rejections) {
    }

    private Meters meters(Connection c) {
        return meters.computeIfAbsent(c.id(), id -> new Meters(
                Timer.builder("mediagate.quota.wait").description("time vendor calls waited for a quota token")
                        .tag("connection", id).register(registry),
                registry.counter("mediagate.quota.rejections", "connection", id)));
    }

    /** Refills every in-process bucket and lifts pauses (tests between cases; shared buckets stay in Redis). */
    public void resetAll() {
        buckets.clear();
        pausedUntil.clear();
    }

    /** The vendor answered 429 asking to wait {@code retryAfter}: no call of this connection goes out before. */
    public Mono<Void> pause(Connection c, Duration retryAfter) {
        QuotaProperties q = c.policy().quota();
        if (q.limit() == null || retryAfter == null || retryAfter.isZero() || retryAfter.isNegative()) {
            return Mono.empty();
        }
        Duration wait = retryAfter.compareTo(q.maxRetryAfter()) > 0 ? q.maxRetryAfter() : retryAfter;
        long now = System.nanoTime();
        long until = now + wait.toNanos();
        Long before = pausedUntil.get(c.id());
        long extra = before == null || before - now < 0 ? wait.toNanos() : until - before;
        if (extra <= 0) {
            return Mono.empty();
        }
        pausedUntil.put(c.id(), until);
        registry.counter("mediagate.quota.vendor.pauses", "connection", c.id()).increment();
        return bucket(c).drain(BucketShape.of(q, 1).tokensFor(Duration.ofNanos(extra)));
    }
}
