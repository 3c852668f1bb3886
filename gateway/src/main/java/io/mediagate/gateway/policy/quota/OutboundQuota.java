package io.mediagate.gateway.policy.quota;

import io.mediagate.gateway.config.QuotaProperties;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.policy.cluster.RedisLink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The outbound quota of every connection. A vendor call first reserves a token and waits for its turn up to
 * {@code quota.max-wait} (never past the request's deadline), else fails at once with {@link QuotaExceededException}.
 *
 * <p>A vendor 429 pauses the connection, quota configured or not, for the vendor's Retry-After capped by
 * {@code quota.max-retry-after} (1 s when the vendor names no delay): no call of that connection, and only that
 * one, goes out before the pause ends, on any replica (the pause is broadcast, and the shared bucket drained).
 * Calls already waiting for their turn look again when it comes, so a pause that began while they queued holds
 * them too. A call that would wait past its budget for a token or a pause is refused at once, never after
 * waiting: the longest any call waits here is {@code max-wait} (plus one bounded Redis call).
 */
@Component
public class OutboundQuota {
    static final String PAUSE_CHANNEL = "mediagate:quota:pause";
    /** How long a vendor 429 without a Retry-After pauses its connection. */
    static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);
    private final RedisLink redis;
    private final MeterRegistry registry;
    private final String replicaId = UUID.randomUUID().toString();
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();
    private final Map<String, Long> pausedUntil = new ConcurrentHashMap<>();

    public OutboundQuota(RedisLink redis, MeterRegistry registry, ConnectionRegistry connections) {
        this.redis = redis;
        this.registry = registry;
        // every meter exists from start-up at 0, so a dashboard can tell "nothing happened" from "not scraped"
        connections.all().forEach(this::meters);
        if (redis.enabled()) {
            redis.subscribe(PAUSE_CHANNEL, this::onPauseElsewhere);
        }
    }

    private TokenBucket bucket(Connection c) {
        return buckets.computeIfAbsent(c.id(), id -> {
            QuotaProperties q = c.policy().quota();
            if (!redis.enabled()) {
                return LocalTokenBucket.full(BucketShape.of(q, 1));
            }
            return new SharedTokenBucket(redis, "mediagate:quota:" + id, BucketShape.of(q, 1),
                    BucketShape.of(q, redis.cluster().replicas()));
        });
    }

    /**
     * Completes when this call may go: a token is reserved at once and the call waits out its turn (and any
     * vendor pause), if that comes within {@code quota.max-wait} and the remaining {@code budget}; otherwise the
     * token is given back and the call is refused at once, with the real wait as Retry-After.
     */
    public Mono<Void> acquire(Connection c, Duration budget) {
        return Mono.defer(() -> {
            QuotaProperties q = c.policy().quota();
            Meters m = meters(c);
            long start = System.nanoTime();
            long deadline = start + Math.max(0, Math.min(q.maxWait().toNanos(), budget.toNanos()));
            long paused = pausedFor(c.id());
            if (paused > 0 && start + paused - deadline > 0) {
                return refuse(c, m, paused);
            }
            if (q.limit() == null) {
                if (paused <= 0) {
                    return Mono.empty();
                }
                m.waits.record(paused, TimeUnit.NANOSECONDS);
                return Mono.delay(Duration.ofNanos(paused)).then(Mono.defer(() -> lookAgain(c, m, deadline)));
            }
            TokenBucket bucket = bucket(c);
            return bucket.reserve().flatMap(r -> {
                long now = System.nanoTime();
                long wait = Math.max(r.waitNanos(), pausedFor(c.id()));
                if (now + wait - deadline > 0) {
                    bucket.giveBack(r);
                    return refuse(c, m, wait);
                }
                if (r.fallback()) {
                    m.fallbackTokens.increment();
                }
                m.waits.record(wait, TimeUnit.NANOSECONDS);
                if (wait <= 0) {
                    return Mono.empty();
                }
                // the call's reserved turn: waiting for it is the quota, not a vendor-facing retry
                return Mono.delay(Duration.ofNanos(wait)).then(Mono.defer(() -> lookAgain(c, m, deadline)));
            });
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
        return reserveAll(bucket, calls, new ArrayList<>()).map(reserved -> {
            reserved.forEach(bucket::giveBack);
            long lastWait = Math.max(reserved.get(reserved.size() - 1).waitNanos(), pausedFor(c.id()));
            if (lastWait > q.maxWait().toNanos()) {
                throw new QuotaExceededException(c.id(), Duration.ofNanos(lastWait));
            }
            return reserved;
        }).then();
    }

    /**
     * Whether a call made now would get a token without waiting and no vendor pause holds the connection. Takes
     * no token. Background work (the change-event poller) asks this first, so it only spends spare capacity.
     */
    public Mono<Boolean> idle(Connection c) {
        if (pausedFor(c.id()) > 0) {
            return Mono.just(false);
        }
        if (c.policy().quota().limit() == null) {
            return Mono.just(true);
        }
        TokenBucket bucket = bucket(c);
        return bucket.reserve().map(r -> {
            bucket.giveBack(r);
            return r.waitNanos() <= 0;
        });
    }

    private static Mono<List<TokenBucket.Reservation>> reserveAll(TokenBucket bucket, int remaining,
                                                                 List<TokenBucket.Reservation> reserved) {
        return remaining == 0 ? Mono.just(reserved)
                : bucket.reserve().flatMap(r -> {
                    reserved.add(r);
                    return reserveAll(bucket, remaining - 1, reserved);
                });
    }

    /** After a wait: a vendor pause that began meanwhile holds this call too, or refuses it if too long. */
    private Mono<Void> lookAgain(Connection c, Meters m, long deadline) {
        long paused = pausedFor(c.id());
        if (paused <= 0) {
            return Mono.empty();
        }
        if (System.nanoTime() + paused - deadline > 0) {
            // the token is not given back: the pause drained the bucket for its whole length anyway
            return refuse(c, m, paused);
        }
        return Mono.delay(Duration.ofNanos(paused)).then(Mono.defer(() -> lookAgain(c, m, deadline)));
    }

    private static Mono<Void> refuse(Connection c, Meters m, long waitNanos) {
        m.rejections.increment();
        return Mono.error(new QuotaExceededException(c.id(), Duration.ofNanos(waitNanos)));
    }

    private long pausedFor(String connection) {
        Long until = pausedUntil.get(connection);
        return until == null ? 0 : Math.max(0, until - System.nanoTime());
    }

    /** Extends the connection's pause to at least {@code nanos} from now; returns by how much it grew. */
    private long pauseLocally(String connection, long nanos) {
        long now = System.nanoTime();
        long until = now + nanos;
        long[] grew = {0};
        pausedUntil.compute(connection, (k, before) -> {
            long from = before == null || before - now < 0 ? now : before;
            grew[0] = Math.max(0, until - from);
            return grew[0] > 0 ? until : before;
        });
        return grew[0];
    }

    private void onPauseElsewhere(String message) {
        String[] parts = message.split("\n", 3);
        if (parts.length == 3 && !parts[0].equals(replicaId)) {
            try {
                pauseLocally(parts[1], TimeUnit.MILLISECONDS.toNanos(Long.parseLong(parts[2])));
            } catch (NumberFormatException ignored) {
                // not ours to interpret
            }
        }
    }

    /** What a vendor's Retry-After becomes here: capped by {@code max-retry-after}, 1 s when absent. */
    public Duration clamp(Connection c, Duration retryAfter) {
        Duration max = c.policy().quota().maxRetryAfter();
        Duration wait = retryAfter == null ? DEFAULT_PAUSE : retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /**
     * The vendor answered 429 asking to wait {@code retryAfter}: no call of this connection goes out before that
     * (clamped) delay ends, on any replica. Completes with the clamped delay, which is what the client is told.
     */
    public Mono<Duration> pause(Connection c, Duration retryAfter) {
        Duration wait = clamp(c, retryAfter);
        if (wait.isZero()) {
            return Mono.just(wait);
        }
        long extra = pauseLocally(c.id(), wait.toNanos());
        if (extra <= 0) {
            return Mono.just(wait);
        }
        meters(c).pauses.increment();
        if (redis.enabled()) {
            redis.publish(PAUSE_CHANNEL, replicaId + "\n" + c.id() + "\n" + wait.toMillis());
        }
        QuotaProperties q = c.policy().quota();
        if (q.limit() == null) {
            return Mono.just(wait);
        }
        return bucket(c).drain(BucketShape.of(q, 1).tokensFor(Duration.ofNanos(extra))).thenReturn(wait);
    }

    /** Refills every in-process bucket and lifts pauses (tests between cases; shared buckets stay in Redis). */
    public void resetAll() {
        buckets.clear();
        pausedUntil.clear();
    }

    private record Meters(Timer waits, Counter rejections, Counter pauses, Counter fallbackTokens) {
    }

    private Meters meters(Connection c) {
        return meters.computeIfAbsent(c.id(), id -> new Meters(
                Timer.builder("mediagate.quota.wait").description("time vendor calls waited for a quota token")
                        .tag("connection", id).register(registry),
                Counter.builder("mediagate.quota.rejections")
                        .description("calls refused because no quota token (or end of a vendor pause) came in time")
                        .tag("connection", id).register(registry),
                Counter.builder("mediagate.quota.vendor.pauses")
                        .description("vendor 429s that paused the connection (or lengthened its pause)")
                        .tag("connection", id).register(registry),
                Counter.builder("mediagate.quota.fallback")
                        .description("quota tokens spent from the local fallback bucket while Redis was away")
                        .tag("connection", id).register(registry)));
    }
}
