package io.mediagate.gateway.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Refuses requests whose shape the gateway will not handle, before anything else looks at them:
 * <ul>
 *   <li>more than {@code mediagate.limits.max-header-count} header lines (431); Netty bounds header bytes
 *       ({@code server.max-http-request-header-size}) but not their number;</li>
 *   <li>{@code ;} in v1 API paths (400): Spring would drop {@code ;…} as matrix parameters, so
 *       {@code videos/a;b} would silently act on video {@code a}. Passthrough paths are exempt: they belong to the
 *       vendor, and {@link io.mediagate.gateway.passthrough.RawPath} validates them on their own terms.</li>
 *   <li>a {@code /v1} query that is not strictly UTF-8 once percent-decoded (400): invalid bytes, overlong forms
 *       and encoded lone surrogates would otherwise reach handlers and vendors as U+FFFD.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class RequestShapeFilter extends NamedWebFilter {
    private final int maxHeaderCount;

    public RequestShapeFilter(@Value("${mediagate.limits.max-header-count:100}") int maxHeaderCount) {
        this.maxHeaderCount = maxHeaderCount;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        int headers = headerLines(exchange.getRequest());
        if (headers > maxHeaderCount) {
            return Mono.error(new ApiException(
                    HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "too-many-headers",
                    "Too many headers",
                    "a request may carry at most " + maxHeaderCount + " headers"));
        }
        String raw = exchange.getRequest().getURI().getRawPath();
        if (raw.startsWith("/v1/") && raw.contains(";") && !raw.matches("^/v1/connections/[^/;]+/raw(/.*)?$")) {
            return Mono.error(ApiException.invalidField("path", "';' is not allowed in API paths"));
        }
        if (raw.startsWith("/v1/")
                && !StrictUtf8.wellFormedQuery(exchange.getRequest().getURI().getRawQuery())) {
            return Mono.error(ApiException.invalidField("query", "the query must be percent-encoded UTF-8"));
        }
        return chain.filter(exchange);
    }

    /**
     * The header lines the client sent, a repeated name counted each time. Netty keeps that count; collecting the
     * distinct names to count them was 8 % of what a cache hit allocated, and let a repeated name pass uncounted.
     */
    private static int headerLines(ServerHttpRequest request) {
        if (ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest netty) {
            return netty.requestHeaders().size();
        }
        // one value per line, as Netty counts them (getValuesAsList would split a line at its commas)
        return request.getHeaders().headerSet().stream()
                .mapToInt(header -> header.getValue().size())
                .sum();
    }
}
