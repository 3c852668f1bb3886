package io.mediagate.gateway.web;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.mediagate.contracts.spi.CircuitOpenException;
import io.mediagate.contracts.spi.ConnectionBusyException;
import io.mediagate.contracts.spi.DeadlineExceededException;
import io.mediagate.contracts.spi.Failure;
import io.mediagate.contracts.spi.GatewayRefusal;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * The one mapper from any failure to the taxonomy ({@link #classify}) and to its RFC 9457 problem
 * ({@link #toProblem}). Members of the taxonomy carry their own traits; the policy libraries' own exceptions
 * (resilience4j's open circuit and full bulkhead, Reactor's timeout) are translated into their members here, so
 * every other place asks the traits ({@link Failure#vendorIsSick()}, {@link Failure#retryable()}, ...) instead of
 * keeping its own {@code instanceof} ladder. What is neither a member nor an HTTP-layer exception is the gateway's
 * own bug: a 500 that names nothing.
 */
public final class FailureMapper {
    private static final Logger log = LoggerFactory.getLogger(FailureMapper.class);
    // exception texts of HTTP clients may embed request URLs, whose queries can hold vendor tokens
    private static final Pattern QUERY = Pattern.compile("\\?\\S*");

    private FailureMapper() {}

    /** The failure's member of the taxonomy, or null when it is none (a client mistake, or a bug). */
    public static Failure classify(Throwable e) {
        if (e instanceof Failure f) {
            return f;
        }
        if (e instanceof CallNotPermittedException) {
            return new CircuitOpenException(e);
        }
        if (e instanceof BulkheadFullException) {
            return new ConnectionBusyException(e);
        }
        if (e instanceof TimeoutException) {
            // the only timeouts around a vendor call are the request's deadline and its attempts' shares of it
            return new DeadlineExceededException();
        }
        return null;
    }

    /** The problem type {@code e} is answered with, or {@code error} when it is no member (for health details). */
    public static String problemType(Throwable e) {
        Failure f = classify(e);
        return f == null ? "error" : f.problemType();
    }

    /** Whether {@code e} is a sign of a sick vendor (unavailable, garbage, timed out): for circuit breakers. */
    public static boolean vendorIsSick(Throwable e) {
        Failure f = classify(e);
        return f != null && f.vendorIsSick();
    }

    /** Whether the gateway itself refused {@code e}'s call, so no vendor call was made. */
    public static boolean neverReachedTheVendor(Throwable e) {
        return classify(e) instanceof GatewayRefusal;
    }

    /** The problem any failure is answered with. */
    public static Problem toProblem(Throwable error) {
        if (error instanceof ApiException api) {
            Problem p = new Problem(api.status().value(), api.slug(), api.title(), api.getMessage())
                    .withAll(api.extensions());
            api.headers().forEach(p::header);
            return p;
        }
        Failure failure = classify(error);
        if (failure != null) {
            return problem(failure, ((Throwable) failure).getMessage());
        }
        if (error instanceof PayloadTooLargeException) {
            return new Problem(413, "payload-too-large", "Payload too large", "the request body is too large");
        }
        if (error instanceof UnsupportedMediaTypeStatusException e) {
            return new Problem(
                    415,
                    "unsupported-media-type",
                    "Unsupported media type",
                    "Content-Type " + e.getContentType() + " is not accepted here; send " + e.getSupportedMediaTypes());
        }
        if (error instanceof NotAcceptableStatusException) {
            return new Problem(406, "not-acceptable", "Not acceptable", "this resource is only available as JSON");
        }
        if (error instanceof MethodNotAllowedException e) {
            Problem p = new Problem(
                    405, "method-not-allowed", "Method not allowed", e.getHttpMethod() + " is not allowed here");
            if (!e.getSupportedMethods().isEmpty()) {
                p.header(
                        HttpHeaders.ALLOW,
                        String.join(
                                ", ",
                                e.getSupportedMethods().stream()
                                        .map(Object::toString)
                                        .toList()));
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
            return new Problem(
                    status,
                    "http-" + status,
                    HttpStatus.valueOf(status).getReasonPhrase(),
                    e.getReason() != null
                            ? redact(e.getReason())
                            : HttpStatus.valueOf(status).getReasonPhrase());
        }
        log.error("unexpected failure: {}", redact(String.valueOf(error)));
        return new Problem(
                500,
                "internal-error",
                "Internal error",
                "the gateway failed unexpectedly; quote the request id when reporting it");
    }

    /** A taxonomy member's problem: its traits, one to one. */
    static Problem problem(Failure f, String detail) {
        Problem p = new Problem(f.httpStatus(), f.problemType(), f.title(), detail)
                .withAll(f.problemMembers())
                .with("retryable", f.retryable());
        if (f.retryAfter() != null) {
            p.header(HttpHeaders.RETRY_AFTER, seconds(f.retryAfter()));
        }
        return p;
    }

    private static String inputDetail(ServerWebInputException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DecodingException) {
            return "the request body is not valid JSON";
        }
        String reason = e.getReason();
        return reason != null ? redact(reason) : "the request is malformed";
    }

    /** {@code text} without URL queries, which may carry vendor tokens. */
    static String redact(String text) {
        return QUERY.matcher(text).replaceAll("?…");
    }

    /** Retry-After delay-seconds, rounded up and never 0 (RFC 9110 §10.2.3). */
    static String seconds(Duration d) {
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }
}
