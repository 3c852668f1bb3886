package io.mediagate.gateway.passthrough;

import io.mediagate.gateway.policy.VendorAttemptTracing;
import io.micrometer.tracing.propagation.Propagator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends one raw request to the vendor on the vendor connection pool and streams the vendor's answer into the
 * client's response: status, end-to-end headers and body, as they came. The connection's {@code timeout} bounds
 * connecting (at most 5 s), the wait for the vendor's first byte and every pause between two reads of its answer.
 * It replaces Spring Cloud Gateway's routing filters, whose route lookup, filter chain and header filters were a
 * fifth of a raw call's cost (bench/, JFR) for work the raw route's own checks already did.
 */
@Component
public class RawForwarder {
    /** RFC 9110 §7.6.1: meaningful for one connection only, never forwarded in either direction. */
    static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    private static final List<MediaType> STREAMING =
            List.of(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_NDJSON, new MediaType("application", "grpc"));

    /** Answers declared this long or shorter are read whole before they are written: one write, not two. */
    static final int WHOLE = 256 * 1024;

    private final HttpClient http;
    private final Set<String> propagationFields;
    /** One client per distinct connection timeout: bounded by the configuration. */
    private final Map<Duration, HttpClient> byTimeout = new ConcurrentHashMap<>();

    public RawForwarder(ConnectionProvider vendorConnectionPool, Propagator propagator) {
        // no compression: the answer must reach the client as the vendor sent it, and be readable for the scrubber
        this.http = HttpClient.create(vendorConnectionPool);
        this.propagationFields = propagator.fields().stream()
                .map(f -> f.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /**
     * Sends {@code method target} with {@code headers} and {@code body}, then writes the vendor's answer to
     * {@code response}; completes when the answer is written. The trace headers are the vendor attempt's, set on
     * {@code exchange} by the pipeline's attempt stage, in place of any the client sent.
     */
    public Mono<Void> forward(
            ServerWebExchange exchange,
            ServerHttpResponse response,
            String method,
            URI target,
            Map<String, List<String>> headers,
            Publisher<ByteBuf> body,
            Duration timeout) {
        HttpHeaders trace = exchange.getAttribute(VendorAttemptTracing.RAW_PROPAGATION);
        boolean replaceTrace = trace != null && !trace.isEmpty();
        NettyDataBufferFactory buffers = response.bufferFactory() instanceof NettyDataBufferFactory netty
                ? netty
                : new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);
        return client(timeout)
                .request(HttpMethod.valueOf(method))
                .uri(target)
                .send((request, out) -> {
                    var sent = request.requestHeaders();
                    headers.forEach((name, values) -> {
                        if (!replaceTrace || !propagationFields.contains(name.toLowerCase(Locale.ROOT))) {
                            sent.set(name, values);
                        }
                    });
                    if (replaceTrace) {
                        trace.forEach(sent::set);
                    }
                    return out.send(body);
                })
                .response((answer, content) -> {
                    response.setStatusCode(
                            HttpStatusCode.valueOf(answer.status().code()));
                    HttpHeaders to = response.getHeaders();
                    Set<String> named = RawRequestRules.namedInConnection(
                            answer.responseHeaders().getAll(HttpHeaders.CONNECTION));
                    for (Map.Entry<String, String> e : answer.responseHeaders()) {
                        String name = e.getKey().toLowerCase(Locale.ROOT);
                        if (!HOP_BY_HOP.contains(name) && !named.contains(name)) {
                            to.add(e.getKey(), e.getValue());
                        }
                    }
                    MediaType type = contentType(to);
                    if (type != null && STREAMING.stream().anyMatch(s -> s.isCompatibleWith(type))) {
                        return response.writeAndFlushWith(
                                content.retain().map(buffers::wrap).map(Flux::just));
                    }
                    if (readWhole(answer.responseHeaders().get(HttpHeaders.CONTENT_LENGTH))) {
                        // one buffer, so the server writes status, headers and body at once
                        return response.writeWith(content.aggregate().map(buffers::wrap));
                    }
                    return response.writeWith(content.retain().map(buffers::wrap));
                })
                .then();
    }

    /** A declared length up to {@link #WHOLE}: an API answer, not a download. */
    private static boolean readWhole(String contentLength) {
        if (contentLength == null || contentLength.isEmpty() || contentLength.length() > 7) {
            return false;
        }
        for (int i = 0; i < contentLength.length(); i++) {
            if (contentLength.charAt(i) < '0' || contentLength.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(contentLength) <= WHOLE;
    }

    /** The client every raw call starts from (its pool is the vendor pool). */
    HttpClient http() {
        return http;
    }

    private static MediaType contentType(HttpHeaders headers) {
        try {
            return headers.getContentType();
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private HttpClient client(Duration timeout) {
        return byTimeout.computeIfAbsent(
                timeout,
                t -> http.responseTimeout(t)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(t.toMillis(), 5000)));
    }
}
