package io.mediagate.gateway.web;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.UnsupportedCapabilityException;
import io.mediagate.gateway.observability.TraceIds;
import io.mediagate.gateway.policy.quota.ClientShareExhaustedException;
import io.mediagate.gateway.policy.quota.QuotaExceededException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place errors become responses: every failure, from any filter or handler, is answered as
 * {@code application/problem+json} (RFC 9457) with the request id, the connection and vendor when known, and
 * {@code retryable}. Stack traces and vendor texts that might carry secrets never reach the body.
 */
@Component
@Order(-2) // before Boot's DefaultErrorWebExceptionHandler (-1), which would answer in its own shape
public class ProblemWebExceptionHandler implements WebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    // exception texts of HTTP clients may embed request URLs, whose queries can hold vendor tokens
    private static final Pattern QUERY = Pattern.compile("\\?\\S*");

    // resilience4j does not say how long a circuit stays open from the exception; a short hint is honest enough
    private static final Duration OPEN_CIRCUIT_RETRY_AFTER = Duration.ofSeconds(5);
    private final JsonMapper json;

    public ProblemWebExceptionHandler(JsonMapper json) {
        this.json = json;
    }

    /**
     * Renders inside the request's observation scope, so the failure's log line carries its trace and span id
     * even without automatic Reactor context propagation (off by default: it costs every request).
     */
    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        return Mono.deferContextual(context -> {
            Observation request = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
            try (Observation.Scope scope = request == null ? null : request.openScope()) {
                return render(exchange, error);
            }
        });
    }

    private Mono<Void> render(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        if (error instanceof AbortedException) {
            // the client's connection is gone (often closed by the edge guard after its own answer): no one to tell
            return Mono.empty();
        }
        Problem problem = toProblem(error)
                .with("instance", exchange.getRequest().getPath().value())
                .with("request_id", RequestContext.requestId(exchange))
                .with("trace_id", TraceIds.of(exchange));
        Object connection = exchange.getAttribute(RequestContext.CONNECTION);
        if (connection != null && !problem.body().containsKey("connection")) {
            problem.with("connection", connection).with("vendor", exchange.getAttribute(RequestContext.VENDOR));
        }
        if (problem.status() >= 500) {
            log.warn("request {} {} {} failed: {} {}", RequestContext.requestId(exchange),
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), problem.status(),
                    redact(String.valueOf(error)));
        }
        response.setStatusCode(HttpStatus.valueOf(problem.status()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(PROBLEM_JSON);
        headers.remove(HttpHeaders.ETAG);
        problem.headers().forEach(headers::set);
        byte[] bytes = json.writeValueAsBytes(problem.body());
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    static String redact(String text) {
        return QUERY.matcher(text).replaceAll("?…");
    }

    /** Maps any failure to its problem; package-visible so the mapping is unit-testable. */
    Problem toProblem(Throwable error) {
        if (error instanceof ApiException api) {
            Problem p = new Problem(api.status().value(), api.slug(), api.title(), api.getMessage())
                    .withAll(api.extensions());
            api.headers().forEach(p::header);
            return p;
        }
        if (error instanceof ProviderException vendor) {
            return vendorProblem(vendor);
        }
        if (error instanceof ClientShareExhaustedException share) {
            return new Problem(429, "client-share-exhausted", "Client share of the vendor quota exhausted",
                    share.getMessage()).with("connection", share.connection()).with("share_percent", share.percent())
                    .with("retryable", true).header(HttpHeaders.RETRY_AFTER, seconds(share.retryAfter()));
        }
        if (error instanceof QuotaExceededException quota) {
            return new Problem(429, "quota-exhausted", "Vendor quota exhausted", quota.getMessage())
                    .with("connection", quota.connection()).with("retryable", true)
                    .header(HttpHeaders.RETRY_AFTER, seconds(quota.retryAfter()));
        }
        if (error instanceof CallNotPermittedException open) {
            return new Problem(503, "circuit-open", "Vendor circuit open",
                    "the vendor failed repeatedly; calls are paused to let it recover").with("retryable", true)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(OPEN_CIRCUIT_RETRY_AFTER.toSeconds()));
        }
        if (error instanceof BulkheadFullException) {
            return new Problem(503, "connection-busy", "Too many concurrent calls",
                    "this connection has too many calls in flight").with("retryable", true)
                    .header(HttpHeaders.RETRY_AFTER, "1");
        }
        if (error instanceof UnsupportedCapabilityException unsupported) {
            return new Problem(501, "unsupported-capability", "Not supported by this vendor",
                    unsupported.getMessage()).with("capability", unsupported.capability().wireName())
                    .with("retryable", false);
        }
        if (error instanceof PayloadTooLargeException) {
            return new Problem(413, "payload-too-large", "Payload too large", "the request body is too large");
        }
        if (error instanceof UnsupportedMediaTypeStatusException e) {
            return new Problem(415, "unsupported-media-type", "Unsupported media type",
                    "Content-Type " + e.getContentType() + " is not accepted here; send "
                            + e.getSupportedMediaTypes());
        }
        if (error instanceof NotAcceptableStatusException) {
            return new Problem(406, "not-acceptable", "Not acceptable", "this resource is only available as JSON");
        }
        if (error instanceof MethodNotAllowedException e) {
            Problem p = new Problem(405, "method-not-allowed", "Method not allowed",
                    e.getHttpMethod() + " is not allowed here");
            if (!e.getSupportedMethods().isEmpty()) {
                p.header(HttpHeaders.ALLOW, String.join(", ", e.getSupportedMethods().stream()
                        .map(Object::toString).toList()));
            }
            return p;
        }
        if (error instanceof ServerWebInputException e) {
            return new Problem(400, "malformed-request", "Bad request", inputDetail(e));
        }
        if (error instanceof DecodingException) {
            return new Problem(400, "malformed-json", "Bad request", "the request body is not valid JSON");
        }
        if (error instanceof ResponseStatusException e) {
            int status = e.getStatusCode().value();
            if (status == 404) {
                return new Problem(404, "no-such-route", "Not found", "no route matches this path");
            }
            return new Problem(status, "http-" + status, HttpStatus.valueOf(status).getReasonPhrase(),
                    e.getReason() != null ? redact(e.getReason()) : HttpStatus.valueOf(status).getReasonPhrase());
        }
        log.error("unexpected failure: {}", redact(String.valueOf(error)));
        return new Problem(500, "internal-error", "Internal error",
                "the gateway failed unexpectedly; quote the request id when reporting it");
    }

    private static String inputDetail(ServerWebInputException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DecodingException) {
            return "the request body is not valid JSON";
        }
        String reason = e.getReason();
        return reason != null ? redact(reason) : "the request is malformed";
    }

    private static Problem vendorProblem(ProviderException e) {
        ProviderException.Kind kind = e.kind();
        String title = switch (kind) {
            case NOT_FOUND -> "Not found at the vendor";
            case UNAUTHORIZED -> "The vendor refused the gateway's credentials";
            case FORBIDDEN -> "The vendor forbids this";
            case INVALID_REQUEST -> "The vendor rejected the request";
            case CONFLICT -> "Conflict at the vendor";
            case RATE_LIMITED -> "Rate limited";
            case UNAVAILABLE -> "The vendor is unavailable";
            case UPSTREAM_ERROR -> "The vendor answered unexpectedly";
        };
        if (e instanceof GuessRefutedException guess) {
            Problem refuted = new Problem(502, "vendor-guess-refuted", "The vendor does not answer a guessed call",
                    e.getMessage()).with("retryable", false).with("guessed_call", guess.route());
            return guess.option() == null ? refuted : refuted.with("option", guess.option());
        }
        Problem p = new Problem(kind.httpStatus(), "vendor-" + kind.slug(), title, e.getMessage())
                .with("retryable", kind.retryable());
        if (e.retryAfter() != null) {
            p.header(HttpHeaders.RETRY_AFTER, seconds(e.retryAfter()));
        }
        return p;
    }

    /** Retry-After delay-seconds, rounded up and never 0 (RFC 9110 §10.2.3). */
    static String seconds(Duration d) {
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }
}
