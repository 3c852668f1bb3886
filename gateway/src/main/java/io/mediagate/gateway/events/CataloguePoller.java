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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds changes made outside the gateway: one poller per connection lists the catalogue every
 * {@code poll.interval} and compares it with what was known. Every page is one vendor call through the
 * {@link PolicyChain}, taken only when the connection's quota has a spare token right now (clients' own calls go
 * first) and the poller's {@link PollBudget} (its share of the quota) allows it. A round cut short for lack of
 * either still reports what it saw; only a complete round can tell that a video was deleted. The first complete
 * round is the baseline and reports nothing. In cluster mode one replica polls each connection ({@link PollLease}).
 */
@Component
public class CataloguePoller implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CataloguePoller.class);
    private static final int PAGE = 100;
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
    private volatile Disposable.Composite running;

    public CataloguePoller(ConnectionRegistry connections, PolicyChain policy, OutboundQuota quota,
                           ChangeEvents events, JsonMapper json, EventsProperties properties, RedisLink redis) {
        this.connections = connections;
        this.policy = policy;
        this.quota = quota;
        this.events = events;
        this.json = json;
        this.settings = properties.poll();
        this.lease = new PollLease(redis, json, settings.interval() == null ? Duration.ofSeconds(1)
                : settings.interval());
    }

    @Override
    public void start() {
        running = Disposables.composite();
        if (!settings.enabled()) {
            return;
        }
        for (Connection c : connections.all()) {
            if (settings.polls(c.id())) {
                budgets.put(c.id(), new PollBudget(c, settings.share()));
                // rounds never overlap: a tick that comes while a round runs is dropped
                running.add(Flux.interval(settings.interval()).onBackpressureDrop()
                        .concatMap(tick -> round(c).onErrorResume(e -> {
                            log.debug("poll round of {} stopped: {}", c.id(), e.toString());
                            return Mono.empty();
                        }), 0)
                        .subscribe());
            }
        }
    }

    /** One round over the connection's catalogue, if this replica holds the connection's poll lease. */
    Mono<Void> round(Connection c) {
        Catalogue catalogue = events.catalogue(c.id());
        return lease.hold(c.id()).doOnNext(held -> holding.put(c.id(), held != PollLease.Held.NO))
                .flatMap(held -> switch (held) {
            case NO -> Mono.<Void>empty();
            case KEPT -> listAll(c, catalogue);
            case TAKEN -> lease.load(c.id(), catalogue).then(Mono.defer(() -> {
                // a baseline this replica had built is the cluster's only if it was stored
                baselineStored.put(c.id(), catalogue.hasBaseline());
                return listAll(c, catalogue);
            }));
        });
    }

    private Mono<Void> listAll(Connection c, Catalogue catalogue) {
        long roundStart = System.nanoTime();
        Set<String> listed = new HashSet<>();
        return page(c, null, 0, listed, roundStart, catalogue).flatMap(complete -> {
            if (!complete) {
                return Mono.<Void>empty();
            }
            catalogue.missing(listed, roundStart).forEach(v -> events.found(c, EventType.VIDEO_DELETED, v, null));
            catalogue.baselineDone();
            if (baselineStored.getOrDefault(c.id(), false)) {
                return Mono.<Void>empty();
            }
            // cluster mode: until the baseline is in Redis, every complete round tries again to store it
            return lease.storeBaseline(c.id(), catalogue.snapshot())
                    .doOnSuccess(x -> baselineStored.put(c.id(), true));
        });
    }

    /** Lists one page and the rest after it; completes with whether the whole catalogue was listed. */
    private Mono<Boolean> page(Connection c, String cursor, int pages, Set<String> listed, long roundStart,
                               Catalogue catalogue) {
        if (pages >= settings.maxPages()) {
            return Mono.just(false);
        }
        PollBudget budget = budgets.get(c.id());
        return quota.idle(c).flatMap(idle -> {
            if (!idle || !budget.tryTake()) {
                return Mono.just(false);
            }
            return policy.call(c, Operation.LIST_VIDEOS, p -> p.listVideos(
                            new ListQuery(PAGE, cursor, null, null, false)))
                    .flatMap((Page<Video> found) -> {
                        for (Video v : found.data()) {
                            listed.add(v.id());
                            JsonNode node = Catalogue.normalized(json, v);
                            Catalogue.Change change = catalogue.listed(v.id(), node, roundStart);
                            if (change != null) {
                                events.found(c, change.type(), node, change.changed());
                            }
                        }
                        return found.nextCursor() == null ? Mono.just(true)
                                : page(c, found.nextCursor(), pages + 1, listed, roundStart, catalogue);
                    });
        });
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
