package io.mediagate.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses {@code ;} in v1 API paths. Spring would drop {@code ;…} as matrix parameters, so {@code videos/a;b}
 * would silently act on video {@code a}; a client naming an id the gateway cannot honour gets a 400 instead.
 * Passthrough paths are exempt: they belong to the vendor, and {@link
 * io.mediagate.gateway.passthrough.RawPath} validates them on their own terms.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class PathSanityFilter implements WebFilter {
    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        if (raw.startsWith("/v1/") && raw.contains(";") && !raw.matches("^/v1/connections/[^/;]+/raw(/.*)?$")) {
            return Mono.error(ApiException.invalidField("path", "';' is not allowed in API paths"));
        }
        return chain.filter(exchange);
    }
}
