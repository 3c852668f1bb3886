package io.mediagate.gateway.api.videos;

import io.mediagate.gateway.policy.cache.ReadCache;
import io.micrometer.common.KeyValue;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Turns a served read into HTTP: body, strong {@code ETag}, {@code Cache-Status}, and 304 for a matching validator;
 * puts the cache decision on the server span as {@code mediagate.cache}.
 */
final class CachedReadResponses {
    private CachedReadResponses() {}

    /** {@code Cache-Control: no-cache} (or the HTTP/1.0 {@code Pragma}) asks for a fresh answer. */
    static boolean noCache(ServerWebExchange exchange) {
        HttpHeaders h = exchange.getRequest().getHeaders();
        String cc = String.join(",", h.getOrEmpty(HttpHeaders.CACHE_CONTROL)).toLowerCase(Locale.ROOT);
        String pragma = String.join(",", h.getOrEmpty(HttpHeaders.PRAGMA)).toLowerCase(Locale.ROOT);
        return cc.contains("no-cache") || cc.contains("max-age=0") || pragma.contains("no-cache");
    }

    static Mono<Void> respond(ServerWebExchange exchange, ReadCache.Served served) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        headers.setETag(served.response().etag());
        headers.set("Cache-Status", served.status().header(served.ttlSeconds(), served.failedStatus()));
        // on the server span, since a cache hit has no vendor attempt span to show it
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(context -> context.addHighCardinalityKeyValue(
                        KeyValue.of("mediagate.cache", served.status().spanValue())));
        if (matches(
                exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.IF_NONE_MATCH),
                served.response().etag())) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return response.setComplete();
        }
        // the stored bytes as they are: no encoder, no negotiation; they are the JSON the client gets
        byte[] body = served.response().body();
        response.setStatusCode(HttpStatus.OK);
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** RFC 9110 §13.1.2: weak comparison, {@code *} matches anything. */
    private static boolean matches(List<String> ifNoneMatch, String etag) {
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String c = candidate.trim();
                if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
