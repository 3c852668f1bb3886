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
 * The outbound quota of every connection. A vendor call first takes a token, waiting for one up to
 * {@code quota.max-wait} (never past the request's deadline), else fails fast with {@link QuotaExceededException}.
 * A vendor 429 drains the bucket for the vendor's Retry-After (capped by {@code quota.max-retry-after}), pausing
 * that connection, and only that one, on every replica that shares the bucket.
 */
@Component
public class OutboundQuota {
    private final RedisLink redis;
    private final MeterRegistry meters;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Long> pausedUntil = new ConcurrentHashMap<>();

    public OutboundQuota(RedisLink redis, MeterRegistry meters) {
        this.redis = redis;
        this.meters = meters;
    }

    private TokenBucket bucket(Connection c) {
        return buckets.computeIfAbsent(c.id(), id -> {
            QuotaProperties q = c.policy().quota();
            if (!redis.enabled()) {
                return new LocalTokenBucket(BucketShape.of(q, 1));
            }
            return new SharedTokenBucket(redis, "mediagate:quota:" + id, BucketShape.of(q, 1),
                    new LocalTokenBucket(BucketShape.of(q, redis.cluster().replicas())),
                    meters.counter("mediagate.quota.fallback", "connection", id));
        });
    }

    /** Completes when a token is taken; {@code budget} is what is left of the request's deadline. */
    public Mono<Void> acquire(Connection c, Duration budget) {
        QuotaProperties q = c.policy().quota();
        if (q.limit() == null) {
            return Mono.empty();
        }
        long start = System.nanoTime();
        long maxWait = Math.min(q.maxWait().toNanos(), budget.toNanos());
        Timer waits = Timer.builder("mediagate.quota.wait").description("time vendor calls waited for a quota token")
                .tag("connection", c.id()).register(meters);
        return take(c, bucket(c), start, maxWait)
                .doOnSuccess(v -> waits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS))
                .doOnError(QuotaExceededException.class, e -> meters.counter("mediagate.quota.rejections",
                        "connection", c.id()).increment());
    }

    private Mono<Void> take(Connection c, TokenBucket bucket, long start, long maxWait) {
        return bucket.tryTake().flatMap(t -> {
            if (t.taken()) {
                return Mono.empty();
            }
            long waited = System.nanoTime() - start;
            if (waited + t.nanosToWait() > maxWait) {
                return Mono.error(new QuotaExceededException(c.id(), Duration.ofNanos(t.nanosToWait())));
            }
            // the delay is the quota's own wait for a refill, never a vendor-facing retry
            return Mono.delay(Duration.ofNanos(Math.max(t.nanosToWait(), 1_000_000)))
                    .then(Mono.defer(() -> take(c, bucket, start, maxWait)));
        });
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
        meters.counter("mediagate.quota.vendor.pauses", "connection", c.id()).increment();
        return bucket(c).drain(BucketShape.of(q, 1).tokensFor(Duration.ofNanos(extra)));
    }
}
