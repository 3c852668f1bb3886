package io.mediagate.gateway.events;

import io.mediagate.gateway.security.OutboundUrlPolicy;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
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
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook subscriptions and their deliveries. Every event goes to every subscription that wants it as a
 * {@code POST} of the event JSON, signed per Standard Webhooks ({@code webhook-id} is the event id, the same on
 * every attempt, so a receiver can drop repeats). A delivery that is not answered 2xx is retried after an
 * exponential backoff with jitter until {@code retry-for} has passed since the first attempt, then kept
 * for a replay. The subscriber URL is checked against the no-internal-target rule on every attempt (a name may
 * resolve elsewhere later); redirects are not followed.
 */
@Component
public class WebhookDeliveries implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
    private final EventLog events;
    private final JsonMapper json;
    private final OutboundUrlPolicy targets;
    private final EventsProperties.Webhooks settings;
    private final Clock clock;
    private final WebClient http;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Disposable.Composite running = Disposables.composite();
    private volatile boolean started;

    public WebhookDeliveries(EventLog events, JsonMapper json, @Qualifier("webhookTargets") OutboundUrlPolicy targets,
                             EventsProperties properties, Clock clock) {
        this.events = events;
        this.json = json;
        this.targets = targets;
        this.settings = properties.webhooks();
        this.clock = clock;
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.timeout().toMillis())
                        .responseTimeout(settings.timeout())
                        .followRedirect(false)))
                .build();
        for (EventsProperties.SubscriptionProperties s : properties.subscriptions()) {
            if (!WebhookSigner.valid(s.secret())) {
                throw new IllegalArgumentException("mediagate.events.subscriptions[" + s.id()
                        + "].secret must be whsec_ followed by base64 of at least 16 bytes");
            }
            subscriptions.put(s.id(), new Subscription(s.id(), Subscription.CONFIG_OWNER, s.url(), s.secret(),
                    java.util.Set.copyOf(s.connections()), java.util.Set.copyOf(s.types()), clock.instant()));
        }
    }

    void add(Subscription s) {
        subscriptions.put(s.id, s);
    }

    Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    Collection<Subscription> all() {
        return subscriptions.values();
    }

    void remove(String id) {
        subscriptions.remove(id);
    }

    /** Delivers again every event whose retries ran out; returns how many. */
    int replay(Subscription s) {
        List<ChangeEvent> again = s.takeGivenUp();
        again.forEach(e -> deliver(s, e));
        return again.size();
    }

    @Override
    public void start() {
        started = true;
        running.add(events.live().subscribe(e -> subscriptions.values().forEach(s -> {
            if (s.wants(e)) {
                deliver(s, e);
            }
        })));
    }

    private void deliver(Subscription s, ChangeEvent e) {
        s.started();
        String body = json.writeValueAsString(e);
        long firstAttempt = System.nanoTime();
        Disposable.Swap slot = Disposables.swap();
        running.add(slot);
        slot.update(attempt(s, e, body, firstAttempt, 0).doFinally(x -> running.remove(slot)).subscribe());
    }

    private Mono<Void> attempt(Subscription s, ChangeEvent e, String body, long firstAttempt, int attempt) {
        return targets.check("url", s.url).then(Mono.defer(() -> {
            long timestamp = clock.instant().getEpochSecond();
            return http.post().uri(s.url).contentType(MediaType.APPLICATION_JSON)
                    .header("webhook-id", e.id())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSigner.sign(s.secret, e.id(), timestamp, body))
                    .bodyValue(body)
                    .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
        })).flatMap(status -> status >= 200 && status < 300 ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("subscriber answered HTTP " + status)))
                .doOnSuccess(v -> {
                    if (subscriptions.get(s.id) == s) {
                        s.succeeded();
                    }
                })
                .onErrorResume(error -> {
                    String why = error instanceof io.mediagate.gateway.web.ApiException
                            ? "the subscriber URL points inside the network" : describe(error);
                    s.failed(why, clock.instant());
                    Duration wait = backoff(attempt);
                    if (System.nanoTime() + wait.toNanos() - (firstAttempt + settings.retryFor().toNanos()) > 0
                            || subscriptions.get(s.id) != s) {
                        log.info("webhook delivery of event {} to subscription {} given up: {}", e.id(), s.id, why);
                        s.gaveUp(e);
                        return Mono.empty();
                    }
                    return Mono.delay(wait).then(attempt(s, e, body, firstAttempt, attempt + 1));
                });
    }

    /** A random wait between half and all of {@code first-backoff × 2^attempt}, capped at {@code max-backoff}. */
    private Duration backoff(int attempt) {
        long cap = settings.maxBackoff().toNanos();
        long ceiling = attempt >= 40 ? cap : Math.min(cap, settings.firstBackoff().toNanos() << attempt);
        if (ceiling <= 0) {
            ceiling = cap;
        }
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
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
