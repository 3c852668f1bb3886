package io.mediagate.gateway.events;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.mediagate.gateway.policy.cluster.RedisLink;
import io.mediagate.gateway.security.OutboundUrlPolicy;
import io.mediagate.gateway.web.ApiException;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook subscriptions and their deliveries. Every event goes to every subscription that wants it as a
 * {@code POST} of the event JSON, signed per Standard Webhooks ({@code webhook-id} is the event id, the same on
 * every attempt, so a receiver can drop repeats). A delivery that is not answered 2xx is retried after an
 * exponential backoff with jitter until {@code retry-for} has passed since the first attempt, then kept
 * for a replay. The subscriber URL is checked against the no-internal-target rule on every attempt (a name may
 * resolve elsewhere later); redirects are not followed. In cluster mode subscriptions made through the API are
 * kept in Redis, so every replica knows them, and each event is delivered by one replica (a consumer group).
 */
@Component
public class WebhookDeliveries implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
    private static final String GROUP = "mediagate-webhooks";
    private static final String SUBSCRIPTIONS = "mediagate:events:subscriptions";
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final Duration CLAIM_AFTER = Duration.ofSeconds(30);
    private final EventLog events;
    private final JsonMapper json;
    private final OutboundUrlPolicy targets;
    private final EventsProperties.Webhooks settings;
    private final Clock clock;
    private final WebClient http;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Made anew on every start: a context can be stopped and started again (the test framework pauses them). */
    private volatile Disposable.Composite running = Disposables.composite();

    private final RedisLink redis;
    private final String consumer = UUID.randomUUID().toString();
    /** Cluster mode: stream entries this replica is delivering, with how many deliveries are still running. */
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    private volatile boolean groupReady;
    private volatile long lastRefresh;
    private volatile long lastHeartbeat;
    private volatile boolean started;

    public WebhookDeliveries(
            EventLog events,
            JsonMapper json,
            @Qualifier("webhookTargets") OutboundUrlPolicy targets,
            EventsProperties properties,
            Clock clock,
            RedisLink redis) {
        this.redis = redis;
        this.events = events;
        this.json = json;
        this.targets = targets;
        this.settings = properties.webhooks();
        this.clock = clock;
        this.http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                                settings.timeout().toMillis())
                        .responseTimeout(settings.timeout())
                        .followRedirect(false)))
                .build();
        for (EventsProperties.SubscriptionProperties s : properties.subscriptions()) {
            subscriptions.put(
                    s.id(),
                    new Subscription(
                            s.id(),
                            Subscription.CONFIG_OWNER,
                            s.url(),
                            s.secret(),
                            Set.copyOf(s.connections()),
                            Set.copyOf(s.types()),
                            clock.instant()));
        }
    }

    void add(Subscription s) {
        subscriptions.put(s.id, s);
        redis.connection()
                .ifPresent(c -> c.async()
                        .hset(
                                SUBSCRIPTIONS,
                                s.id,
                                json.writeValueAsBytes(Map.of(
                                        "id",
                                        s.id,
                                        "owner",
                                        s.owner,
                                        "url",
                                        s.url,
                                        "secret",
                                        s.secret,
                                        "connections",
                                        s.connections,
                                        "types",
                                        s.types,
                                        "created_at",
                                        s.createdAt.toString()))));
    }

    Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    Collection<Subscription> all() {
        return subscriptions.values();
    }

    void remove(String id) {
        subscriptions.remove(id);
        redis.connection().ifPresent(c -> c.async().hdel(SUBSCRIPTIONS, id));
    }

    /** Delivers again every event whose retries ran out; returns how many. */
    int replay(Subscription s) {
        List<ChangeEvent> again = s.takeGivenUp();
        again.forEach(e -> deliver(s, e, () -> {}));
        return again.size();
    }

    @Override
    public void start() {
        if (running.isDisposed()) {
            running = Disposables.composite();
        }
        started = true;
        if (redis.enabled()) {
            running.add(Flux.interval(Duration.ofMillis(100))
                    .onBackpressureDrop()
                    .concatMap(
                            t -> Mono.fromRunnable(this::consume)
                                    .subscribeOn(Schedulers.boundedElastic())
                                    .onErrorResume(e -> {
                                        EventLog.failed(redis, e);
                                        // a Redis that restarted empty has no group: make it again
                                        groupReady = false;
                                        log.debug("webhook consumer: {}", e.toString());
                                        return Mono.empty();
                                    }),
                            0)
                    .subscribe());
            return;
        }
        running.add(events.live()
                .subscribe(e -> subscriptions.values().forEach(s -> {
                    if (s.wants(e)) {
                        deliver(s, e, () -> {});
                    }
                })));
    }

    /**
     * Cluster mode: one pass of this replica's share of the deliveries. Entries come from a consumer group, so
     * each is delivered by one replica; an entry is acknowledged when all its deliveries ended (delivered or
     * given up). The replica marks its entries as alive every 10 s; entries of a replica that died (idle for
     * 30 s) are claimed by another and delivered again, with the same {@code webhook-id}.
     */
    private void consume() {
        var c = redis.connection().orElse(null);
        if (c == null) {
            return;
        }
        var sync = c.sync();
        if (!groupReady) {
            try {
                sync.xgroupCreate(
                        XReadArgs.StreamOffset.from(EventLog.STREAM, "$"), GROUP, XGroupCreateArgs.Builder.mkstream());
            } catch (RedisBusyException exists) {
                // another replica made it
            }
            groupReady = true;
        }
        long now = System.nanoTime();
        if (now - lastRefresh > Duration.ofSeconds(1).toNanos()) {
            lastRefresh = now;
            refreshSubscriptions(sync.hgetall(SUBSCRIPTIONS));
        }
        for (StreamMessage<String, byte[]> m : sync.xreadgroup(
                Consumer.from(GROUP, consumer),
                XReadArgs.Builder.count(100),
                XReadArgs.StreamOffset.lastConsumed(EventLog.STREAM))) {
            handle(m);
        }
        if (now - lastHeartbeat > HEARTBEAT.toNanos()) {
            lastHeartbeat = now;
            if (!inFlight.isEmpty()) {
                sync.xclaim(
                        EventLog.STREAM,
                        Consumer.from(GROUP, consumer),
                        XClaimArgs.Builder.justid().minIdleTime(0),
                        inFlight.keySet().toArray(String[]::new));
            }
            ClaimedMessages<String, byte[]> orphans = sync.xautoclaim(
                    EventLog.STREAM,
                    XAutoClaimArgs.Builder.xautoclaim(Consumer.from(GROUP, consumer), CLAIM_AFTER, "0-0")
                            .count(100));
            orphans.getMessages().stream()
                    .filter(m -> !inFlight.containsKey(m.getId()))
                    .forEach(this::handle);
        }
    }

    private void handle(StreamMessage<String, byte[]> m) {
        ChangeEvent e = events.decode(m.getId(), m.getBody());
        List<Subscription> targets =
                subscriptions.values().stream().filter(s -> s.wants(e)).toList();
        if (targets.isEmpty()) {
            ack(m.getId());
            return;
        }
        AtomicInteger left = new AtomicInteger(targets.size());
        inFlight.put(m.getId(), left);
        targets.forEach(s -> deliver(s, e, () -> {
            if (left.decrementAndGet() == 0) {
                inFlight.remove(m.getId());
                ack(m.getId());
            }
        }));
    }

    private void ack(String id) {
        redis.connection().ifPresent(c -> c.async().xack(EventLog.STREAM, GROUP, id));
    }

    /** Subscriptions made through the API on any replica; those deleted anywhere go. */
    private void refreshSubscriptions(Map<String, byte[]> shared) {
        shared.forEach((id, bytes) -> subscriptions.computeIfAbsent(id, k -> {
            JsonNode n = json.readTree(bytes);
            return new Subscription(
                    id,
                    n.path("owner").asString(),
                    n.path("url").asString(),
                    n.path("secret").asString(),
                    strings(n.path("connections")),
                    strings(n.path("types")),
                    Instant.parse(n.path("created_at").asString()));
        }));
        subscriptions.values().removeIf(s -> !Subscription.CONFIG_OWNER.equals(s.owner) && !shared.containsKey(s.id));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private void deliver(Subscription s, ChangeEvent e, Runnable done) {
        s.started();
        String body = json.writeValueAsString(e);
        long firstAttempt = System.nanoTime();
        Disposable.Swap slot = Disposables.swap();
        Disposable.Composite all = running;
        all.add(slot);
        slot.update(attempt(s, e, body, firstAttempt, 0)
                .doFinally(x -> {
                    all.remove(slot);
                    done.run();
                })
                .subscribe());
    }

    private Mono<Void> attempt(Subscription s, ChangeEvent e, String body, long firstAttempt, int attempt) {
        return targets.check("url", s.url)
                .then(Mono.defer(() -> {
                    long timestamp = clock.instant().getEpochSecond();
                    return http.post()
                            .uri(s.url)
                            .contentType(MediaType.APPLICATION_JSON)
                            .header("webhook-id", e.id())
                            .header("webhook-timestamp", Long.toString(timestamp))
                            .header("webhook-signature", WebhookSigner.sign(s.secret, e.id(), timestamp, body))
                            .bodyValue(body)
                            .exchangeToMono(r ->
                                    r.releaseBody().thenReturn(r.statusCode().value()));
                }))
                .flatMap(status -> status >= 200 && status < 300
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("subscriber answered HTTP " + status)))
                .doOnSuccess(v -> {
                    if (subscriptions.get(s.id) == s) {
                        s.succeeded();
                    }
                })
                .onErrorResume(error -> {
                    String why = error instanceof ApiException
                            ? "the subscriber URL points inside the network"
                            : describe(error);
                    s.failed(why, clock.instant());
                    Duration wait = DeliveryBackoff.after(
                            attempt, settings.firstBackoff(), settings.maxBackoff(), ThreadLocalRandom.current());
                    if (System.nanoTime()
                                            + wait.toNanos()
                                            - (firstAttempt
                                                    + settings.retryFor().toNanos())
                                    > 0
                            || subscriptions.get(s.id) != s) {
                        log.info("webhook delivery of event {} to subscription {} given up: {}", e.id(), s.id, why);
                        s.gaveUp(e);
                        return Mono.empty();
                    }
                    return Mono.delay(wait).then(attempt(s, e, body, firstAttempt, attempt + 1));
                });
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String kind = error.getClass().getSimpleName();
        // never the URL (it may carry a token in its query): the kind of failure and, for HTTP, the status
        return message != null && message.startsWith("subscriber answered") ? message : "delivery failed: " + kind;
    }

    @Override
    public void stop() {
        started = false;
        running.dispose();
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
