package io.mediagate.gateway.cors;

import io.mediagate.gateway.web.ApiException;
import io.mediagate.gateway.web.NamedWebFilter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers CORS per {@link CorsProperties}, before authentication: a preflight carries no credentials by design
 * (Fetch standard), so it is answered here with 204 and the {@code Access-Control-*} headers instead of 401. A
 * cross-origin request the policy refuses (origin, method or header not allowed) is a 403 problem. Disabled, it
 * does nothing and browsers on other origins get no CORS headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 7) // after the request id and shape checks, before ApiKeyAuthenticationFilter
public class CorsFilter extends NamedWebFilter {
    private final CorsConfiguration policy;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    public CorsFilter(CorsProperties properties) {
        this.policy = properties.enabled() ? policy(properties) : null;
    }

    private static CorsConfiguration policy(CorsProperties p) {
        CorsConfiguration c = new CorsConfiguration();
        c.setAllowedOrigins(p.allowedOrigins());
        c.setAllowedMethods(p.allowedMethods());
        c.setAllowedHeaders(p.allowedHeaders());
        c.setExposedHeaders(p.exposedHeaders());
        c.setMaxAge(p.maxAge());
        c.setAllowCredentials(false);
        return c;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (policy == null || !CorsUtils.isCorsRequest(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        if (!processor.process(policy, exchange)) {
            return Mono.error(ApiException.forbidden(
                    "cors-not-allowed",
                    "this origin, method or header is not " + "allowed by the gateway's CORS policy (mediagate.cors)"));
        }
        if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
            return exchange.getResponse().setComplete();
        }
        return chain.filter(exchange);
    }
}
