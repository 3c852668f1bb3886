package io.mediagate.gateway.security;

import io.mediagate.gateway.web.ApiException;
import io.mediagate.gateway.web.NamedWebFilter;
import io.mediagate.gateway.web.RequestContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Requires {@code Authorization: Bearer <key>} (or a JWT, when {@code mediagate.jwt} is set) on every
 * {@code /v1} request and records the client. Scope and
 * connection checks happen where the connection is known ({@link AccessGuard}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyAuthenticationFilter extends NamedWebFilter {
    private static final String PREFIX = "Bearer ";
    private final ClientRegistry clients;
    private final JwtClients jwt;

    public ApiKeyAuthenticationFilter(ClientRegistry clients, JwtClients jwt) {
        this.clients = clients;
        this.jwt = jwt;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals("/v1") && !path.startsWith("/v1/")) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Mono.error(ApiException.unauthorized("send Authorization: Bearer <key>"));
        }
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || header.length() == PREFIX.length()) {
            return Mono.error(ApiException.unauthorized("the Authorization header must be Bearer <key>"));
        }
        String bearer = header.substring(PREFIX.length()).trim();
        if (jwt.handles(bearer)) {
            return jwt.authenticate(bearer)
                    .switchIfEmpty(Mono.error(() -> ApiException.unauthorized("the token is not valid")))
                    .flatMap(client -> {
                        exchange.getAttributes().put(RequestContext.CLIENT, client);
                        return chain.filter(exchange);
                    });
        }
        return clients.authenticate(bearer)
                .map(client -> {
                    exchange.getAttributes().put(RequestContext.CLIENT, client);
                    return chain.filter(exchange);
                })
                .orElseGet(() -> Mono.error(ApiException.unauthorized("the key is not valid")));
    }
}
