package io.mediagate.gateway.events;

import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Page;
import io.mediagate.contracts.Video;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.policy.Operation;
import io.mediagate.gateway.policy.PolicyChain;
import io.mediagate.gateway.policy.cluster.RedisLink;
import io.mediagate.gateway.policy.quota.OutboundQuota;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds changes made outside the gateway: one poller per connection lists the catalogue every
 * {@code poll.interval} and compares it with what was known. Every page is one vendor call through the
 * {@link PolicyChain}, taken only when the connection's quota has a spare token right now (clients' own calls go
 * first) and the poller's {@link PollBudget} (its share of the quota) allows it. A round cut short for lack of
 * either still reports what it saw; only a complete round can tell that a video was deleted. The first complete
 * round is the baseline and reports nothing; it runs at start. The changes one round finds are reported in the
 * vendor's {@code updated_at} order (ties by id), deletions after them, so events follow the order changes were made.
 *
 * <p>A raw passthrough write the vendor answered 2xx {@linkplain #nudge nudges} the connection's poller: the
 * gateway cannot know which video a raw call touched, so the poller runs a round at once instead of at the next
 * tick. Nudges are coalesced (one pending per connection; one that comes during a round gets a round after it) and
 * spend the same budget: a nudge the share cannot afford waits until it can. In cluster mode one replica polls each
 * connection ({@link PollLease}); a nudge is published to every replica, and the lease holder's round answers it.
 */
@Component
public class CataloguePoller implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CataloguePoller.class);
    private static final int PAGE = 100;
    static final String NUDGES = "mediagate:events:nudge";
    /** How soon a nudged round that found the quota busy (clients' calls first) looks again. */
    private static final Duration BUSY_RETRY = Duration.ofMillis(200);

    private final ConnectionRegistry connections;
    private final PolicyChain policy;
    private final OutboundQuota quota;
    private final ChangeEvents events;
    private final JsonMapper json;
    private final EventsProperties.Poll settings;
    private final Map<String, PollBudget> budgets = new ConcurrentHashMap<>();
    private final PollLease lease;
    private final Map<String, Boolean> holding = new ConcurrentHashMap<>();
    private final Map<String, Boolean> baselineStored = new ConcurrentHashMap<>();
    private final Map<String, Nudges> nudges = new ConcurrentHashMap<>();
    private final RedisLink redis;
    private volatile Disposable.Composite running;

    public CataloguePoller(
            ConnectionRegistry connections,
            PolicyChain policy,
            OutboundQuota quota,
            ChangeEvents events,
            JsonMapper json,
            EventsProperties properties,
            RedisLink redis) {
        this.connections = connections;
        this.policy = policy;
        this.quota = quota;
        this.events = events;
        this.json = json;
        this.settings = properties.poll();
        this.redis = redis;
        this.lease =
                new PollLease(redis, json, settings.interval() == null ? Duration.ofSeconds(1) : settings.interval());
    }

    /** How a round ended, which decides whether a pending nudge is answered or must wait. */
    enum Outcome {
        /** The whole catalogue was listed (or {@code max-pages} of it). */
        LISTED,
        /** Cut short: the poller's share or the quota had no call to spare. */
        STARVED,
        /** Another replica holds the lease (or Redis is away): nothing to do here. */
        NOT_HOLDER,
        /** A vendor call failed; the round reported what it had seen. */
        FAILED
    }

    /** A connection's pending nudge and the signal that wakes its poller. */
    private static final class Nudges {
        final AtomicBoolean pending = new AtomicBoolean();
        final Sinks.Many<Boolean> wake = Sinks.many().multicast().directBestEffort();
    }

    @Override
    public void start() {
        running = Disposables.composite();
        if (!settings.enabled()) {
            return;
        }
        if (redis.enabled()) {
            redis.subscribe(NUDGES, this::nudgedHere);
        }
        for (Connection c : connections.all()) {
            if (settings.polls(c.id())) {
                budgets.put(c.id(), new PollBudget(c, settings.share()));
                Nudges n = nudges.computeIfAbsent(c.id(), k -> new Nudges());
                // rounds never overlap: what comes while a round runs (ticks, nudges) is one trigger after it
                running.add(Flux.merge(
                                Flux.interval(Duration.ZERO, settings.interval())
                                        .map(t -> false),
                                n.wake.asFlux())
                        .onBackpressureLatest()
                        .concatMap(nudge -> nudge && !n.pending.get() ? Mono.<Void>empty() : rounds(c, n), 0)
                        .subscribe());
                if (redis.enabled()) {
                    // between rounds the holder keeps its lease short-lived but alive, whatever the interval; the
                    // others see soon when it is free and take it with a round (only rounds take a lease)
                    running.add(Flux.interval(lease.renewEvery(), lease.renewEvery())
                            .onBackpressureDrop()
                            .concatMap(
                                    t -> holding.getOrDefault(c.id(), false)
                                            ? lease.renew(c.id())
                                                    .doOnNext(kept -> holding.put(c.id(), kept))
                                                    .then()
                                            : lease.free(c.id())
                                                    .doOnNext(free -> {
                                                        if (free) {
                                                            nudgedHere(c.id());
                                                        }
                                                    })
                                                    .then(),
                                    0)
                            .subscribe());
                }
            }
        }
    }

    /**
     * A raw passthrough call ended with {@code status}: a write the vendor accepted nudges the poller. The one
     * hook of the raw route; reads and refused writes change nothing.
     */
    public void rawCallEnded(Connection c, Operation op, HttpStatusCode status) {
        if (op == Operation.RAW_WRITE && status != null && status.is2xxSuccessful()) {
            nudge(c.id());
        }
    }

    /**
     * Asks for a round of {@code connection}'s poller now (a change was made the gateway could not see in
     * detail). In cluster mode every replica hears it, so the lease holder answers wherever the change was made.
     */
    void nudge(String connection) {
        if (!settings.polls(connection)) {
            return;
        }
        nudgedHere(connection);
        if (redis.enabled()) {
            // if Redis is away nobody polls anyway; the catalogue in Redis lets the next holder find the change
            redis.publish(NUDGES, connection);
        }
    }

    private void nudgedHere(String connection) {
        Nudges n = nudges.get(connection);
        if (n != null && n.pending.compareAndSet(false, true)) {
            // concurrent nudges retry until serialized; a stopped poller has no listener and drops it
            n.wake.emitNext(true, (signal, result) -> result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
        }
    }

    /**
     * A round, and more while a nudge is pending: one that came during the round (which may have listed before
     * the change) gets a round after it; one the round could not answer for lack of calls waits until the
     * poller's share (or the quota) has one. A replica that does not hold the lease leaves the nudge to the
     * holder; if the holder has died, the replica that takes its lease over compares the whole catalogue
     * against the shared one, which finds the change all the same.
     */
    private Mono<Void> rounds(Connection c, Nudges n) {
        return Mono.defer(() -> {
            boolean nudged = n.pending.getAndSet(false);
            return guarded(c).flatMap(outcome -> {
                if (outcome == Outcome.STARVED && nudged) {
                    n.pending.set(true);
                }
                if (!n.pending.get()) {
                    return Mono.<Void>empty();
                }
                Duration wait = outcome != Outcome.STARVED
                        ? Duration.ZERO
                        : budgets.get(c.id()).untilNextCall();
                return Mono.delay(wait.isZero() && outcome == Outcome.STARVED ? BUSY_RETRY : wait)
                        .then(rounds(c, n));
            });
        });
    }

    /** A round whose failure is logged: a failed round drops its nudge, and a failing vendor is not hammered. */
    private Mono<Outcome> guarded(Connection c) {
        return round(c).onErrorResume(e -> {
            log.debug("poll round of {} stopped: {}", c.id(), e.toString());
            return Mono.just(Outcome.FAILED);
        });
    }

    /** One round over the connection's catalogue, if this replica holds the connection's poll lease. */
    Mono<Outcome> round(Connection c) {
        Catalogue catalogue = events.catalogue(c.id());
        return lease.hold(c.id())
                .doOnNext(held -> holding.put(c.id(), held != PollLease.Held.NO))
                .flatMap(held -> switch (held) {
                    case NO -> Mono.just(Outcome.NOT_HOLDER);
                    case KEPT -> listAll(c, catalogue);
                    case TAKEN ->
                        lease.load(c.id(), catalogue).then(Mono.defer(() -> {
                            // a baseline this replica had built is the cluster's only if it was stored
                            baselineStored.put(c.id(), catalogue.hasBaseline());
                            return listAll(c, catalogue);
                        }));
                });
    }

    /** A change a round found, kept until the round ends so the round's changes go out in the vendor's order. */
    private record Found(EventType type, JsonNode video, List<String> changed, Instant updatedAt, String id) {
        static final Comparator<Found> VENDOR_ORDER = Comparator.comparing(
                        Found::updatedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Found::id);
    }

    /** Where a listing stopped: at the catalogue's end, at {@code max-pages}, or for lack of a call. */
    private enum End {
        COMPLETE,
        MAX_PAGES,
        STARVED
    }

    private Mono<Outcome> listAll(Connection c, Catalogue catalogue) {
        long roundStart = System.nanoTime();
        Set<String> listed = new HashSet<>();
        List<Found> found = new ArrayList<>();
        return page(c, null, 0, listed, roundStart, catalogue, found)
                // what was found before a failure is in the catalogue now: it must be reported all the same
                .doOnError(e -> report(c, found))
                .flatMap(end -> {
                    report(c, found);
                    if (end != End.COMPLETE) {
                        return Mono.just(end == End.STARVED ? Outcome.STARVED : Outcome.LISTED);
                    }
                    catalogue.missing(listed, roundStart).stream()
                            .sorted(Comparator.comparing(v -> v.path("id").asString()))
                            .forEach(v -> events.found(c, EventType.VIDEO_DELETED, v, null));
                    catalogue.baselineDone();
                    if (baselineStored.getOrDefault(c.id(), false)) {
                        return Mono.just(Outcome.LISTED);
                    }
                    // cluster mode: until the baseline is in Redis, every complete round tries again to store it
                    return lease.storeBaseline(c.id(), catalogue.snapshot())
                            .doOnSuccess(x -> baselineStored.put(c.id(), true))
                            .thenReturn(Outcome.LISTED);
                });
    }

    /** The changes of one round, in the vendor's {@code updated_at} order. */
    private void report(Connection c, List<Found> found) {
        found.sort(Found.VENDOR_ORDER);
        found.forEach(f -> events.found(c, f.type(), f.video(), f.changed()));
        found.clear();
    }

    /** Lists one page and the rest after it; completes with where the listing stopped. */
    private Mono<End> page(
            Connection c,
            String cursor,
            int pages,
            Set<String> listed,
            long roundStart,
            Catalogue catalogue,
            List<Found> found) {
        if (pages >= settings.maxPages()) {
            return Mono.just(End.MAX_PAGES);
        }
        PollBudget budget = budgets.get(c.id());
        return quota.idle(c).flatMap(idle -> {
            if (!idle || !budget.tryTake()) {
                return Mono.just(End.STARVED);
            }
            return policy.call(
                            c, Operation.LIST_VIDEOS, p -> p.listVideos(new ListQuery(PAGE, cursor, null, null, false)))
                    .flatMap((Page<Video> listing) -> {
                        for (Video v : listing.data()) {
                            listed.add(v.id());
                            JsonNode node = Catalogue.normalized(json, v);
                            Catalogue.Change change = catalogue.listed(v.id(), node, roundStart);
                            if (change != null) {
                                found.add(new Found(change.type(), node, change.changed(), v.updatedAt(), v.id()));
                            }
                        }
                        return listing.nextCursor() == null
                                ? Mono.just(End.COMPLETE)
                                : page(c, listing.nextCursor(), pages + 1, listed, roundStart, catalogue, found);
                    });
        });
    }

    /** Whether the poller has a baseline of {@code connection} (its first complete round is done). */
    boolean hasBaseline(String connection) {
        return events.catalogue(connection).hasBaseline();
    }

    /** The most vendor calls the poller makes on {@code connection} per quota period (for tests and docs). */
    long allowance(String connection) {
        PollBudget b = budgets.get(connection);
        return b == null ? 0 : b.allowance();
    }

    /** Whether this replica polled {@code connection} in its last round (holds its lease in cluster mode). */
    boolean polls(String connection) {
        return holding.getOrDefault(connection, false);
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
