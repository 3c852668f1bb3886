package io.mediagate.gateway.policy.inbound;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.mediagate.contracts.spi.ClientRateLimitedException;
import io.mediagate.gateway.config.MediagateProperties;
import io.mediagate.gateway.config.RateLimitProperties;
import io.mediagate.gateway.security.ApiClient;
import io.mediagate.gateway.web.NamedWebFilter;
import io.mediagate.gateway.web.RequestContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits each client key ({@code mediagate.clients[].rate-limit}, default {@code mediagate.defaults.inbound}) and
 * tells it where it stands on every response: {@code RateLimit-Limit}, {@code RateLimit-Remaining},
 * {@code RateLimit-Reset} (seconds; IETF draft-ietf-httpapi-ratelimit-headers). Counted per replica, each with
 * {@code limit / mediagate.cluster.replicas}, so the check never waits on Redis.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class InboundRateLimitFilter extends NamedWebFilter {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int replicas;
    private final MeterRegistry meters;

    public InboundRateLimitFilter(MediagateProperties properties, MeterRegistry meters) {
        this.replicas = properties.cluster().enabled() ? properties.cluster().replicas() : 1;
        this.meters = meters;
        // at zero from start-up for every configured key, so a rate of rejections reads 0 rather than "no data"
        properties.clients().forEach(c -> rejections(c.id()));
    }

    private Counter rejections(String clientId) {
        return Counter.builder("mediagate.inbound.rejections")
                .description("requests refused because the client exceeded its rate limit")
                .tag("client", clientId)
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ApiClient client = exchange.getAttribute(RequestContext.CLIENT);
        if (client == null) {
            return chain.filter(exchange);
        }
        RateLimitProperties limit = client.rateLimit();
        long perReplica = Math.max(1, limit.limit() / replicas);
        Bucket bucket = buckets.computeIfAbsent(
                client.id(),
                id -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(perReplica)
                                .refillGreedy(perReplica, limit.period())
                                .build())
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("RateLimit-Limit", Long.toString(perReplica));
        headers.set("RateLimit-Remaining", Long.toString(Math.max(0, probe.getRemainingTokens())));
        headers.set(
                "RateLimit-Reset",
                Long.toString(ceilSeconds(
                        probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill())));
        if (!probe.isConsumed()) {
            rejections(client.id()).increment();
            long retry = Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
            return Mono.error(new ClientRateLimitedException(perReplica, limit.period(), Duration.ofSeconds(retry)));
        }
        return chain.filter(exchange);
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
