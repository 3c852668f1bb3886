package io.mediagate.gateway.passthrough;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.policy.Operation;
import io.mediagate.gateway.policy.PolicyChain;
import io.mediagate.gateway.security.AccessGuard;
import io.mediagate.gateway.security.Scope;
import io.mediagate.gateway.web.ApiException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one filter of the raw route: checks the client may use the connection with scope {@code raw}, confines the
 * request to the connection's vendor base URL, drops the client's own credentials and hop-by-hop headers, lets the
 * adapter add the vendor's credentials or signature, and sends it through the connection's quota, circuit
 * breaker and metrics. Bodies stream (bounded by {@code mediagate.passthrough.max-body-size}) unless the vendor
 * signs them.
 */
@Component
public class RawPassthroughFilter implements GatewayFilter, Ordered {
    /** Never forwarded: the client's credentials, cookies, routing and hop-by-hop headers. */
    private static final Set<String> DROPPED = Set.of("authorization", "cookie", "host", "forwarded",
            "x-forwarded-for", "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto", "x-forwarded-prefix",
            "x-real-ip", "connection", "keep-alive", "proxy-authorization", "proxy-authenticate", "te", "trailer",
            "transfer-encoding", "upgrade", "content-length", "idempotency-key");

    private final AccessGuard access;
    private final PolicyChain policy;
    private final PassthroughProperties limits;

    public RawPassthroughFilter(AccessGuard access, PolicyChain policy, PassthroughProperties limits) {
        this.access = access;
        this.policy = policy;
        this.limits = limits;
    }

    /** After SCG has turned the route's placeholder URI into a request URL, so ours replaces it. */
    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        RawPath raw = RawPath.parse(request.getURI().getRawPath());
        Connection c = access.connection(exchange, raw.connection(), Scope.RAW);
        String query = request.getURI().getRawQuery();
        if (query != null && (query.length() > 4096 || query.chars().anyMatch(ch -> ch < 0x21 || ch == 0x7f))) {
            throw ApiException.invalidField("query", "the query is too long or has control characters");
        }
        long declared = request.getHeaders().getContentLength();
        long max = limits.maxBodySize().toBytes();
        if (declared > max) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    "passthrough bodies are limited to " + max + " bytes");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> {
            if (!DROPPED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, values);
            }
        });
        HttpMethod method = request.getMethod();
        Operation op = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                ? Operation.RAW_READ : Operation.RAW_WRITE;
        Mono<byte[]> signedBody = c.provider().capabilities().signsBody() && hasBody(request)
                ? readBounded(request.getBody(), limits.maxSignedBodySize().toBytes()) : Mono.just(new byte[0]);
        return signedBody.flatMap(body -> c.provider().authorize(new OutboundRequest(method.name(), raw.vendorPath(),
                        query, headers, body.length == 0 ? null : body)))
                .flatMap(out -> {
                    URI target = target(c.baseUrl(), out);
                    ServerHttpRequest forwarded = new ServerHttpRequestDecorator(request.mutate()
                            .headers(h -> {
                                h.clear();
                                out.headers().forEach(h::put);
                                if (out.body() != null) {
                                    h.setContentLength(out.body().length);
                                } else if (declared >= 0) {
                                    h.setContentLength(declared);
                                }
                            }).build()) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            if (out.body() != null) {
                                return Flux.just(exchange.getResponse().bufferFactory().wrap(out.body()));
                            }
                            return limited(request.getBody(), max);
                        }
                    };
                    exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, target);
                    ServerWebExchange next = exchange.mutate().request(forwarded).build();
                    return policy.passthrough(c, op, next, () -> chain.filter(next));
                });
    }

    /**
     * The vendor URL: the connection's base URL plus the adapter's path and query. Checked again after the
     * adapter ran: scheme, host and port must be the base URL's and the path must stay under its path.
     */
    static URI target(URI base, OutboundRequest out) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String query = out.rawQuery() == null || out.rawQuery().isEmpty() ? "" : "?" + out.rawQuery();
        URI target = URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + out.path() + query);
        if (!target.getScheme().equals(base.getScheme()) || !target.getHost().equalsIgnoreCase(base.getHost())
                || target.getPort() != base.getPort() || !target.getRawPath().startsWith(basePath + "/")) {
            throw ApiException.invalidField("path", "the request would leave the vendor's base URL");
        }
        return target;
    }

    private static boolean hasBody(ServerHttpRequest request) {
        HttpHeaders h = request.getHeaders();
        return h.getContentLength() > 0 || h.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private static Mono<byte[]> readBounded(Flux<DataBuffer> body, long max) {
        return DataBufferUtils.join(limited(body, max)).map(buffer -> {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            DataBufferUtils.release(buffer);
            return bytes;
        }).defaultIfEmpty(new byte[0]);
    }

    private static Flux<DataBuffer> limited(Flux<DataBuffer> body, long max) {
        AtomicLong seen = new AtomicLong();
        return body.handle((buffer, sink) -> {
            if (seen.addAndGet(buffer.readableByteCount()) > max) {
                DataBufferUtils.release(buffer);
                sink.error(new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                        "passthrough bodies are limited to " + max + " bytes"));
            } else {
                sink.next(buffer);
            }
        });
    }
}
