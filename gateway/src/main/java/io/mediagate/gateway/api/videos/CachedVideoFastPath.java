package io.mediagate.gateway.api.videos;

import io.mediagate.gateway.api.Inputs;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.policy.cache.CacheKey;
import io.mediagate.gateway.policy.cache.ReadCache;
import io.mediagate.gateway.security.ApiClient;
import io.mediagate.gateway.security.Scope;
import io.mediagate.gateway.web.RequestContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers a fresh cache hit of {@code GET /v1/connections/{c}/videos/{id}} straight from the cache, after
 * authentication and inbound limits but before WebFlux's controller machinery (handler lookup, argument
 * resolution, content negotiation), which profiling showed to be most of a hit's cost. The answer is the
 * controller's, byte for byte: same body, {@code ETag}, {@code Cache-Status}, {@code 304}. Anything that is not a
 * plain fresh hit the client may read (other query parameters, {@code no-cache}, a miss, a forbidden connection)
 * goes on to {@link VideosController}, which also produces every error.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public class CachedVideoFastPath implements WebFilter {
    private static final Pattern PATH = Pattern.compile(
            "^/v1/connections/(" + ConnectionRegistry.ID_REGEX + ")/videos/(" + Inputs.ID_REGEX + ")$");

    private final ConnectionRegistry registry;
    private final ReadCache cache;

    public CachedVideoFastPath(ConnectionRegistry registry, ReadCache cache) {
        this.registry = registry;
        this.cache = cache;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.GET) {
            return chain.filter(exchange);
        }
        String query = request.getURI().getRawQuery();
        boolean raw = "include=raw".equals(query);
        if (query != null && !raw) {
            return chain.filter(exchange);
        }
        Matcher m = PATH.matcher(request.getURI().getRawPath());
        ApiClient client = exchange.getAttribute(RequestContext.CLIENT);
        if (!m.matches() || client == null || CachedReadResponses.noCache(exchange)) {
            return chain.filter(exchange);
        }
        Connection c = registry.find(m.group(1)).orElse(null);
        if (c == null || !client.mayUse(c.id()) || !client.has(Scope.VIDEOS_READ)) {
            return chain.filter(exchange);
        }
        ReadCache.Served hit = cache.freshHit(c, CacheKey.video(m.group(2), raw));
        if (hit == null) {
            return chain.filter(exchange);
        }
        exchange.getAttributes().put(RequestContext.CONNECTION, c.id());
        exchange.getAttributes().put(RequestContext.VENDOR, c.vendor());
        return write(exchange.getResponse(), CachedReadResponses.respond(exchange, hit));
    }

    private static Mono<Void> write(ServerHttpResponse response, ResponseEntity<byte[]> answer) {
        response.setStatusCode(answer.getStatusCode());
        response.getHeaders().putAll(answer.getHeaders());
        byte[] body = answer.getBody();
        if (body == null || answer.getStatusCode() == HttpStatus.NOT_MODIFIED) {
            return response.setComplete();
        }
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
