package io.mediagate.gateway.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Change events ({@code mediagate.events.*}): what is kept, how the catalogue poller and the ingest follower
 * spend vendor calls, and how webhooks are delivered.
 *
 * @param retention     events kept in-process for {@code Last-Event-ID} resume (default 10000)
 * @param poll          the central catalogue poller (off unless {@code interval} is set)
 * @param ingests       following ingests started through the gateway
 * @param webhooks      webhook delivery
 * @param subscriptions webhook subscriptions set by the operator
 */
@Validated
@ConfigurationProperties("mediagate.events")
public record EventsProperties(
        Integer retention,
        @Valid Poll poll,
        @Valid Ingests ingests,
        @Valid Webhooks webhooks,
        List<@Valid SubscriptionProperties> subscriptions) {
    public EventsProperties {
        retention = retention == null ? 10_000 : retention;
        poll = poll == null ? new Poll(null, null, null, null) : poll;
        ingests = ingests == null ? new Ingests(null, null, null, null) : ingests;
        webhooks = webhooks == null ? new Webhooks(null, null, null, null, null) : webhooks;
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        if (retention < 1 || retention > 1_000_000) {
            throw new IllegalArgumentException("mediagate.events.retention must be between 1 and 1000000");
        }
        for (int i = 0; i < subscriptions.size(); i++) {
            // checked here, not with @Pattern: a validation report would print the rejected value, a secret
            if (!WebhookSigner.valid(subscriptions.get(i).secret())) {
                throw new IllegalArgumentException("mediagate.events.subscriptions[" + i
                        + "].secret must be whsec_ followed by base64 of at least 16 bytes");
            }
        }
    }

    /**
     * The catalogue poller.
     *
     * @param interval    how often each connection's catalogue is listed and compared; unset = no poller
     * @param share       the most of a connection's quota the poller may spend (default 0.1 = 10%)
     * @param connections connections to poll; empty = all
     * @param maxPages    pages listed per round at most (default 20); a longer catalogue is compared in part
     */
    public record Poll(Duration interval, Double share, List<@NotBlank String> connections, Integer maxPages) {
        public Poll {
            share = share == null ? 0.1 : share;
            connections = connections == null ? List.of() : List.copyOf(connections);
            maxPages = maxPages == null ? 20 : maxPages;
            if (interval != null && (interval.toMillis() < 10)) {
                throw new IllegalArgumentException("mediagate.events.poll.interval must be at least 10ms");
            }
            if (share <= 0 || share > 1) {
                throw new IllegalArgumentException("mediagate.events.poll.share must be above 0 and at most 1");
            }
            if (maxPages < 1) {
                throw new IllegalArgumentException("mediagate.events.poll.max-pages must be at least 1");
            }
        }

        public boolean enabled() {
            return interval != null;
        }

        public boolean polls(String connection) {
            return enabled() && (connections.isEmpty() || connections.contains(connection));
        }
    }

    /**
     * The ingest follower.
     *
     * @param follow      whether ingests started through the gateway are followed (default true)
     * @param firstDelay  the first status check after the start (default 2s); each next one waits twice as long
     * @param maxDelay    the longest wait between checks (default 1m)
     * @param giveUpAfter when following stops without an outcome (default 6h)
     */
    public record Ingests(Boolean follow, Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {
        public Ingests {
            follow = follow == null || follow;
            firstDelay = positive("mediagate.events.ingests.first-delay", firstDelay, Duration.ofSeconds(2));
            maxDelay = positive("mediagate.events.ingests.max-delay", maxDelay, Duration.ofMinutes(1));
            giveUpAfter = positive("mediagate.events.ingests.give-up-after", giveUpAfter, Duration.ofHours(6));
        }
    }

    /**
     * Webhook delivery.
     *
     * @param retryFor     how long a failing delivery is retried before it is given up (default 24h)
     * @param firstBackoff the wait before the first retry (default 5s); doubled each time, with full jitter
     * @param maxBackoff   the longest wait between retries (default 1h)
     * @param timeout      how long a subscriber may take to answer (default 10s)
     * @param allowedHosts internal hosts subscriber URLs may name (exact names, IP literals or {@code *.suffix})
     */
    public record Webhooks(
            Duration retryFor,
            Duration firstBackoff,
            Duration maxBackoff,
            Duration timeout,
            List<@NotNull String> allowedHosts) {
        public Webhooks {
            retryFor = positive("mediagate.events.webhooks.retry-for", retryFor, Duration.ofHours(24));
            firstBackoff = positive("mediagate.events.webhooks.first-backoff", firstBackoff, Duration.ofSeconds(5));
            maxBackoff = positive("mediagate.events.webhooks.max-backoff", maxBackoff, Duration.ofHours(1));
            timeout = positive("mediagate.events.webhooks.timeout", timeout, Duration.ofSeconds(10));
            allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        }
    }

    /**
     * A subscription set in configuration.
     *
     * @param id          its name (letters, digits, '.', '_', '-')
     * @param url         where deliveries are POSTed
     * @param secret      the signing secret, {@code whsec_<base64>}
     * @param connections connections whose events it receives, or {@code *}
     * @param types       event types it receives; empty = all
     */
    public record SubscriptionProperties(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}")
            String id,

            @NotBlank String url,
            @NotBlank String secret,
            List<@NotBlank String> connections,
            List<@NotBlank String> types) {
        public SubscriptionProperties {
            connections = connections == null || connections.isEmpty() ? List.of("*") : List.copyOf(connections);
            types = types == null ? List.of() : List.copyOf(types);
        }
    }

    private static Duration positive(String key, Duration value, Duration fallback) {
        Duration d = value == null ? fallback : value;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
        return d;
    }
}
