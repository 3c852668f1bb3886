package io.mediagate.gateway.web;

import io.mediagate.gateway.observability.LazyServerObservation;
import io.mediagate.gateway.observability.TraceIds;
import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place errors become responses: every failure, from any filter or handler, is answered as
 * {@code application/problem+json} (RFC 9457) with the request id, the connection and vendor when known, and
 * {@code retryable}; which problem is {@link FailureMapper}'s decision. Stack traces and vendor texts that might
 * carry secrets never reach the body.
 */
@Component
@Order(-2) // before Boot's DefaultErrorWebExceptionHandler (-1), which would answer in its own shape
public class ProblemWebExceptionHandler implements WebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
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
            Observation request = LazyServerObservation.of(exchange, context);
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
            log.warn(
                    "request {} {} {} failed: {} {}",
                    RequestContext.requestId(exchange),
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    problem.status(),
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
        return FailureMapper.redact(text);
    }

    /** Maps any failure to its problem; package-visible so the mapping is unit-testable. */
    Problem toProblem(Throwable error) {
        return FailureMapper.toProblem(error);
    }
}
