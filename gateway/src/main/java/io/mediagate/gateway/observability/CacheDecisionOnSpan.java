package io.mediagate.gateway.observability;

import io.micrometer.common.KeyValue;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts the read cache's decision on the request's server span as {@code mediagate.cache} ({@code hit},
 * {@code miss}, {@code request}, {@code stale}, {@code bypass}), read from the RFC 9211 {@code Cache-Status} the
 * response carries: a cache hit has no vendor attempt span, so the server span is where it shows.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class CacheDecisionOnSpan implements WebFilter {
    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            String status = exchange.getResponse().getHeaders().getFirst("Cache-Status");
            if (status != null) {
                ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                        .ifPresent(ctx ->
                                ctx.addHighCardinalityKeyValue(KeyValue.of("mediagate.cache", decision(status))));
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** {@code mediagate; hit; ttl=30} → hit, {@code mediagate; fwd=miss; stored} → miss. */
    static String decision(String cacheStatus) {
        for (String param : cacheStatus.split(";")) {
            String p = param.trim().toLowerCase(Locale.ROOT);
            if (p.equals("hit")) {
                return "hit";
            }
            if (p.startsWith("fwd=")) {
                return p.substring(4);
            }
        }
        return "unknown";
    }
}
