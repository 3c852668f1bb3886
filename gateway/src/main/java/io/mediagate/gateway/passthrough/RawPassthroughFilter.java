package io.mediagate.gateway.passthrough;

import io.mediagate.contracts.spi.DeadlineExceededException;
import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.RawPolicy;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.events.CataloguePoller;
import io.mediagate.gateway.policy.Operation;
import io.mediagate.gateway.policy.PolicyChain;
import io.mediagate.gateway.policy.cache.CacheInvalidation;
import io.mediagate.gateway.security.AccessGuard;
import io.mediagate.gateway.security.Scope;
import io.mediagate.gateway.web.ApiException;
import io.mediagate.gateway.web.NamedWebFilter;
import io.mediagate.gateway.web.RequestContext;
import io.mediagate.gateway.web.RequestIdFilter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * {@code ANY /v1/connections/{c}/raw/**}, answered right after authentication and the inbound limits: checks the
 * client may use the connection with scope {@code raw}, confines the request to the connection's vendor base URL,
 * applies the vendor's {@link RawPolicy} (methods, reserved parameters in the query and form bodies, the header
 * allow-list), lets the adapter add the vendor's credentials or signature, and sends it through the connection's
 * quota, circuit breaker and metrics to the {@link RawForwarder}. Bodies stream (bounded by
 * {@code mediagate.passthrough.max-body-size}) unless the vendor signs them or they are forms the gateway must
 * read; answers stream back through a {@link ScrubbingResponse}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 31) // after InboundRateLimitFilter and VideoReads
public class RawPassthroughFilter extends NamedWebFilter {
    private static final byte[] NO_BODY = new byte[0];
    private final AccessGuard access;
    private final PolicyChain policy;
    private final PassthroughProperties limits;
    private final CacheInvalidation invalidation;
    private final CataloguePoller changes;
    private final ResponseSecrets secrets;
    private final RawForwarder forwarder;

    public RawPassthroughFilter(
            AccessGuard access,
            PolicyChain policy,
            PassthroughProperties limits,
            CacheInvalidation invalidation,
            CataloguePoller changes,
            ResponseSecrets secrets,
            RawForwarder forwarder) {
        this.access = access;
        this.policy = policy;
        this.limits = limits;
        this.invalidation = invalidation;
        this.changes = changes;
        this.secrets = secrets;
        this.forwarder = forwarder;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getURI().getRawPath();
        if (!RawPath.isRaw(path)) {
            return chain.filter(exchange);
        }
        RawPath raw = RawPath.parse(path);
        Connection c = access.connection(exchange, raw.connection(), Scope.RAW);
        RawPolicy rules = c.provider().rawPolicy();
        HttpMethod method = request.getMethod();
        RawRequestRules.method(method.name(), rules);
        String query = request.getURI().getRawQuery();
        if (query != null && (query.length() > 4096 || query.chars().anyMatch(ch -> ch < 0x21 || ch == 0x7f))) {
            throw ApiException.invalidField("query", "the query is too long or has control characters");
        }
        String cleanQuery = RawRequestRules.query(query, rules);
        long declared = request.getHeaders().getContentLength();
        long max = limits.maxBodySize().toBytes();
        if (declared > max) {
            throw new ApiException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "payload-too-large",
                    "Payload too large",
                    "passthrough bodies are limited to " + max + " bytes");
        }
        Map<String, List<String>> headers = RawRequestRules.headers(request.getHeaders(), rules);
        String requestId = RequestContext.requestId(exchange);
        if (requestId != null && rules.forwards(RequestIdFilter.HEADER)) {
            // the gateway's id for this request (the caller's only when it was sane), as the client sees it
            headers.keySet().removeIf(RequestIdFilter.HEADER::equalsIgnoreCase);
            headers.put(RequestIdFilter.HEADER, List.of(requestId));
        }
        Operation op = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                ? Operation.RAW_READ
                : Operation.RAW_WRITE;
        MediaType type = contentType(request);
        boolean readForm = RawRequestRules.isForm(type) && !rules.reserved().isEmpty();
        Mono<byte[]> wholeBody = (c.provider().capabilities().signsBody() || readForm) && hasBody(request)
                ? readBounded(request.getBody(), limits.maxSignedBodySize().toBytes())
                : Mono.just(NO_BODY);
        ScrubbingResponse response = new ScrubbingResponse(exchange.getResponse(), secrets.scrubber());
        if (op == Operation.RAW_WRITE) {
            response.beforeCommit(() -> Mono.fromRunnable(() -> {
                HttpStatusCode status = response.getStatusCode();
                if (status != null && status.is2xxSuccessful()) {
                    rawWriteSucceeded(c);
                }
            }));
        }
        return wholeBody
                .doOnNext(body -> RawRequestRules.formBody(body, type, rules))
                .flatMap(body -> c.provider()
                        .authorize(new OutboundRequest(
                                method.name(), raw.vendorPath(), cleanQuery, headers, body.length == 0 ? null : body)))
                .flatMap(out -> {
                    URI target = target(c.baseUrl(), out);
                    Map<String, List<String>> sent = new LinkedHashMap<>(out.headers());
                    Publisher<ByteBuf> body;
                    if (out.body() != null) {
                        sent.put(HttpHeaders.CONTENT_LENGTH, List.of(Integer.toString(out.body().length)));
                        body = Mono.just(Unpooled.wrappedBuffer(out.body()));
                    } else {
                        if (declared >= 0) {
                            sent.put(HttpHeaders.CONTENT_LENGTH, List.of(Long.toString(declared)));
                        }
                        body = hasBody(request)
                                ? limited(request.getBody(), max).map(NettyDataBufferFactory::toByteBuf)
                                : Mono.empty();
                    }
                    return policy.passthrough(
                                    c,
                                    op,
                                    exchange,
                                    () -> forwarder
                                            .forward(
                                                    exchange,
                                                    response,
                                                    method.name(),
                                                    target,
                                                    sent,
                                                    body,
                                                    c.policy().timeout())
                                            .onErrorMap(RawPassthroughFilter::vendorFailure))
                            // a write the vendor accepted: change events, though the gateway cannot see which video
                            .doOnSuccess(v -> changes.rawCallEnded(
                                    c, op, exchange.getResponse().getStatusCode()));
                });
    }

    /**
     * The vendor accepted a raw write (non-GET, 2xx), known as soon as its status arrives and before the client
     * sees it: the gateway cannot tell which videos it touched, so everything it cached for the connection goes,
     * here and on the other replicas. Whatever else must follow a raw write belongs here too.
     */
    private void rawWriteSucceeded(Connection c) {
        invalidation.connectionChanged(c.id());
    }

    /**
     * A vendor that does not answer in time, resets or refuses the connection is unavailable (503, retryable);
     * one that answers something that is not HTTP answered garbage (502). Never the client's 500.
     */
    static Throwable vendorFailure(Throwable e) {
        if (e instanceof ApiException || e instanceof ProviderException) {
            return e;
        }
        if (e instanceof ReadTimeoutException || e instanceof TimeoutException) {
            return new DeadlineExceededException();
        }
        if (e instanceof DecoderException || e instanceof IllegalArgumentException) {
            return ProviderException.upstream("the vendor's answer was not valid HTTP", null);
        }
        if (e instanceof IOException || e instanceof PrematureCloseException) {
            return ProviderException.unavailable("the vendor closed or refused the connection", 0, null);
        }
        return e;
    }

    private static MediaType contentType(ServerHttpRequest request) {
        try {
            return request.getHeaders().getContentType();
        } catch (InvalidMediaTypeException e) {
            throw ApiException.invalidField("Content-Type", "the Content-Type is malformed");
        }
    }

    /**
     * The vendor URL: the connection's base URL plus the adapter's path and query. Checked again after the
     * adapter ran: scheme, host and port must be the base URL's and the path must stay under its path.
     */
    static URI target(URI base, OutboundRequest out) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String query = out.rawQuery() == null || out.rawQuery().isEmpty() ? "" : "?" + out.rawQuery();
        URI target = URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + out.path() + query);
        if (!target.getScheme().equals(base.getScheme())
                || !target.getHost().equalsIgnoreCase(base.getHost())
                || target.getPort() != base.getPort()
                || !target.getRawPath().startsWith(basePath + "/")) {
            throw ApiException.invalidField("path", "the request would leave the vendor's base URL");
        }
        return target;
    }

    private static boolean hasBody(ServerHttpRequest request) {
        HttpHeaders h = request.getHeaders();
        return h.getContentLength() > 0 || h.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private static Mono<byte[]> readBounded(Flux<DataBuffer> body, long max) {
        return DataBufferUtils.join(limited(body, max))
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0]);
    }

    private static Flux<DataBuffer> limited(Flux<DataBuffer> body, long max) {
        AtomicLong seen = new AtomicLong();
        return body.handle((buffer, sink) -> {
            if (seen.addAndGet(buffer.readableByteCount()) > max) {
                DataBufferUtils.release(buffer);
                sink.error(new ApiException(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "payload-too-large",
                        "Payload too large",
                        "passthrough bodies are limited to " + max + " bytes"));
            } else {
                sink.next(buffer);
            }
        });
    }
}
