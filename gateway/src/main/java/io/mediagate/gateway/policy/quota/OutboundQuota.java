package io.mediagate.gateway.policy.quota;

import io.mediagate.gateway.config.FairnessProperties;
import io.mediagate.gateway.config.QuotaProperties;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.policy.cluster.RedisLink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import reactor.core.scheduler.Schedulers;

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
    private final Map<String, ClassGate> gates = new ConcurrentHashMap<>();
    private final ClientShares shares;
    private final FairnessProperties fairness;

    public OutboundQuota(
            RedisLink redis,
            MeterRegistry registry,
            ConnectionRegistry connections,
            ClientShares shares,
            FairnessProperties fairness) {
        this.redis = redis;
        this.registry = registry;
        this.shares = shares;
        this.fairness = fairness;
        // every meter exists from start-up at 0, so a dashboard can tell "nothing happened" from "not scraped"
        connections.all().forEach(this::meters);
        connections.all().stream()
                .filter(c -> c.policy().quota().limit() != null)
                .forEach(this::classMeters);
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
            return new SharedTokenBucket(
                    redis,
                    "mediagate:quota:" + id,
                    BucketShape.of(q, 1),
                    BucketShape.of(q, redis.cluster().replicas()));
        });
    }

    /** The connection's gate, which hands its tokens out by class ({@link ClassGate}). */
    private ClassGate gate(Connection c) {
        return gates.computeIfAbsent(
                c.id(),
                id -> new ClassGate(
                        bucket(c),
                        !redis.enabled(),
                        Schedulers.parallel(),
                        System::nanoTime,
                        c.policy().quota().period().toNanos(),
                        fairness.enabled(),
                        Map.of(
                                PriorityClass.BATCH,
                                fairness.batchFloor(),
                                PriorityClass.BACKGROUND,
                                fairness.backgroundFloor())));
    }

    /**
     * Completes when this call may go: a token is reserved at once and the call waits for its turn (and any
     * vendor pause), if that comes within {@code quota.max-wait} and the remaining {@code budget}; otherwise the
     * token is given back and the call is refused at once, with the real wait as Retry-After. Who is asking comes
     * from the request's {@link QuotaTicket}: a contended connection serves higher classes first
     * ({@link ClassGate}), and a client over its share waits for it or is refused with
     * {@link ClientShareExhaustedException}.
     */
    public Mono<Void> acquire(Connection c, Duration budget) {
        return Mono.deferContextual(ctx -> {
            QuotaProperties q = c.policy().quota();
            long start = System.nanoTime();
            long deadline = start + Math.max(0, Math.min(q.maxWait().toNanos(), budget.toNanos()));
            return acquire(c, QuotaTicket.of(ctx), start, deadline);
        });
    }

    private Mono<Void> acquire(Connection c, QuotaTicket ticket, long start, long deadline) {
        return Mono.defer(() -> {
            QuotaProperties q = c.policy().quota();
            Meters m = meters(c);
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
            Integer share = shares.share(ticket.client(), c.id());
            ClassGate gate = gate(c);
            if (share != null) {
                long allowed = Math.max(1, (long) q.limit() * share / 100 / replicas());
                long shareWait = gate.shareWait(ticket.client(), allowed);
                if (shareWait > 0) {
                    if (System.nanoTime() + shareWait - deadline > 0) {
                        meters(c, ticket.client()).increment();
                        return Mono.error(new ClientShareExhaustedException(
                                c.id(), ticket.client(), share, Duration.ofNanos(shareWait)));
                    }
                    // within its budget: the client waits for its share, then asks like any other call
                    return Mono.delay(Duration.ofNanos(shareWait)).then(acquire(c, ticket, start, deadline));
                }
            }
            TokenBucket bucket = bucket(c);
            long horizon = clusterHorizon(ticket, start, deadline);
            boolean counted = horizon != Long.MAX_VALUE;
            if (counted) {
                // what this replica holds of the shared queue, counting reservations still on their way: a burst
                // of lower-class calls must not all reserve at once, or an interactive call on another replica
                // would take its turn behind them before most of them are given back
                long perToken = q.period().toNanos() / BucketShape.of(q, 1).refill();
                long ahead = gate.reservedAhead() + (gate.lowerInFlight.incrementAndGet()) * perToken;
                if (ahead > horizon) {
                    gate.lowerInFlight.decrementAndGet();
                    return refuse(c, m, ahead - horizon);
                }
            }
            return bucket.reserve()
                    .doFinally(s -> {
                        if (counted) {
                            gate.lowerInFlight.decrementAndGet();
                        }
                    })
                    .flatMap(r -> {
                        if (!r.fallback() && r.waitNanos() > horizon) {
                            bucket.giveBack(r);
                            return refuse(c, m, r.waitNanos() - horizon);
                        }
                        // the call's turn: waiting for it is the quota, not a vendor-facing retry
                        return gate.await(c.id(), ticket, r, deadline, pausedFor(c.id()))
                                .onErrorResume(QuotaExceededException.class, e -> {
                                    m.rejections.increment();
                                    return Mono.error(e);
                                })
                                .flatMap(waited -> {
                                    if (r.fallback()) {
                                        m.fallbackTokens.increment();
                                    }
                                    m.waits.record(waited, TimeUnit.NANOSECONDS);
                                    classMeters(c, ticket.priority()).record(waited, TimeUnit.NANOSECONDS);
                                    return lookAgain(c, m, deadline);
                                });
                    });
        });
    }

    /**
     * Across replicas the shared bucket is first come, first served, and each replica's gate only orders its own
     * waiters. So in cluster mode a lower-class call may not queue deeper into the shared bucket than half its
     * wait budget: an interactive call on any other replica then waits at most about that long behind them.
     * Returns that depth, or no limit (interactive calls, one replica, priorities off).
     */
    private long clusterHorizon(QuotaTicket ticket, long start, long deadline) {
        return redis.enabled() && fairness.enabled() && ticket.priority() != PriorityClass.INTERACTIVE
                ? (deadline - start) / 2
                : Long.MAX_VALUE;
    }

    private int replicas() {
        return redis.enabled() ? redis.cluster().replicas() : 1;
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
        return reserveAll(bucket, calls, new ArrayList<>())
                .map(reserved -> {
                    reserved.forEach(bucket::giveBack);
                    long lastWait = Math.max(reserved.get(reserved.size() - 1).waitNanos(), pausedFor(c.id()));
                    if (lastWait > q.maxWait().toNanos()) {
                        throw new QuotaExceededException(c.id(), Duration.ofNanos(lastWait));
                    }
                    return reserved;
                })
                .then();
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

    private static Mono<List<TokenBucket.Reservation>> reserveAll(
            TokenBucket bucket, int remaining, List<TokenBucket.Reservation> reserved) {
        return remaining == 0
                ? Mono.just(reserved)
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
        return bucket(c)
                .drain(BucketShape.of(q, 1).tokensFor(Duration.ofNanos(extra)))
                .thenReturn(wait);
    }

    /** Refills every in-process bucket and lifts pauses (tests between cases; shared buckets stay in Redis). */
    public void resetAll() {
        buckets.clear();
        gates.clear();
        pausedUntil.clear();
    }

    /**
     * The connection's budget now, for {@code GET /v1/connections/{c}/quota}: tokens left and when the next one
     * comes, from the bucket (this replica's view), and waiting calls and recent use from this replica's gate.
     */
    public Mono<QuotaState> state(Connection c) {
        QuotaProperties q = c.policy().quota();
        if (q.limit() == null) {
            return Mono.just(new QuotaState(null, q.period(), null, null, pausedFor(c.id()), null));
        }
        BucketShape shape = BucketShape.of(q, 1);
        return bucket(c).available().map(tokens -> {
            long perToken = shape.period().toNanos() / shape.refill();
            // tokens below 0 are reservations already handed out: the next free token comes after them
            long next = tokens >= shape.burst() ? 0 : perToken * (tokens < 0 ? -tokens + 1 : 1);
            return new QuotaState(
                    q.limit(), q.period(), Math.max(0, tokens), next, pausedFor(c.id()), gate(c).snapshot());
        });
    }

    /** What {@link #state} reports; nanos are relative to now. */
    public record QuotaState(
            Integer limit,
            Duration period,
            Long tokensLeft,
            Long nextTokenInNanos,
            long pausedForNanos,
            QuotaUse use) {}

    private record Meters(Timer waits, Counter rejections, Counter pauses, Counter fallbackTokens) {}

    private Timer classMeters(Connection c, PriorityClass priority) {
        return Timer.builder("mediagate.quota.class.wait")
                .description("time vendor calls waited for a quota token, by priority class")
                .tag("connection", c.id())
                .tag("class", priority.wire())
                .register(registry);
    }

    private Counter meters(Connection c, String client) {
        return Counter.builder("mediagate.quota.share.rejections")
                .description("calls refused because their client had used its share of the connection's quota")
                .tag("connection", c.id())
                .tag("client", client)
                .register(registry);
    }

    /** Per class: calls waiting for a token now, and their waits; per client with a share: its refusals. */
    private void classMeters(Connection c) {
        for (PriorityClass p : PriorityClass.values()) {
            classMeters(c, p);
            Gauge.builder("mediagate.quota.waiting", gates, g -> {
                        ClassGate gate = g.get(c.id());
                        return gate == null ? 0 : gate.waiting(p);
                    })
                    .description("vendor calls waiting for a quota token now, by priority class")
                    .tag("connection", c.id())
                    .tag("class", p.wire())
                    .register(registry);
        }
        shares.clientsWithShareOf(c.id()).forEach(client -> meters(c, client));
    }

    private Meters meters(Connection c) {
        return meters.computeIfAbsent(
                c.id(),
                id -> new Meters(
                        Timer.builder("mediagate.quota.wait")
                                .description("time vendor calls waited for a quota token")
                                .tag("connection", id)
                                .register(registry),
                        Counter.builder("mediagate.quota.rejections")
                                .description(
                                        "calls refused because no quota token (or end of a vendor pause) came in time")
                                .tag("connection", id)
                                .register(registry),
                        Counter.builder("mediagate.quota.vendor.pauses")
                                .description("vendor 429s that paused the connection (or lengthened its pause)")
                                .tag("connection", id)
                                .register(registry),
                        Counter.builder("mediagate.quota.fallback")
                                .description("quota tokens spent from the local fallback bucket while Redis was away")
                                .tag("connection", id)
                                .register(registry)));
    }
}
