package io.mediagate.gateway.api.videos;

import io.mediagate.gateway.policy.cache.ReadCache;
import java.util.List;
import java.util.Locale;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Turns a served read into HTTP: body, strong {@code ETag}, {@code Cache-Status}, and 304 for a matching validator. */
final class CachedReadResponses {
    private CachedReadResponses() {}

    /** {@code Cache-Control: no-cache} (or the HTTP/1.0 {@code Pragma}) asks for a fresh answer. */
    static boolean noCache(ServerWebExchange exchange) {
        HttpHeaders h = exchange.getRequest().getHeaders();
        String cc = String.join(",", h.getOrEmpty(HttpHeaders.CACHE_CONTROL)).toLowerCase(Locale.ROOT);
        String pragma = String.join(",", h.getOrEmpty(HttpHeaders.PRAGMA)).toLowerCase(Locale.ROOT);
        return cc.contains("no-cache") || cc.contains("max-age=0") || pragma.contains("no-cache");
    }

    static Mono<ServerResponse> respond(ServerRequest request, ReadCache.Served served) {
        String etag = served.response().etag();
        String cacheStatus = served.status().header(served.ttlSeconds(), served.failedStatus());
        if (matches(request.headers().header(HttpHeaders.IF_NONE_MATCH), etag)) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED)
                    .eTag(etag)
                    .header("Cache-Status", cacheStatus)
                    .build();
        }
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .eTag(etag)
                .header("Cache-Status", cacheStatus)
                .body(bytes(served.response().body()));
    }

    /** The stored bytes as they are: no encoder, no negotiation; they are the JSON the client gets. */
    private static BodyInserter<byte[], ReactiveHttpOutputMessage> bytes(byte[] body) {
        return (out, context) -> {
            out.getHeaders().setContentLength(body.length);
            DataBuffer buffer = out.bufferFactory().wrap(body);
            return out.writeWith(Mono.just(buffer));
        };
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
