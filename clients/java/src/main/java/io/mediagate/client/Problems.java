package io.mediagate.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediagate.client.generated.ApiException;
import io.mediagate.client.generated.model.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/** Turns what the generated client throws into {@link MediagateProblemException} (or an I/O failure). */
final class Problems {
    private final ObjectMapper json;

    Problems(ObjectMapper json) {
        this.json = json;
    }

    RuntimeException of(ApiException e) {
        if (e.getCode() == 0) {
            // no HTTP answer at all: connection refused, timeout, interrupted
            Throwable cause = e.getCause();
            return cause instanceof IOException io
                    ? new UncheckedIOException(io.getMessage(), io)
                    : new IllegalStateException("the request to mediagate failed", e);
        }
        return of(e.getCode(), e.getResponseHeaders(), e.getResponseBody());
    }

    MediagateProblemException of(int status, HttpHeaders headers, String body) {
        Problem problem = null;
        if (body != null && !body.isBlank()) {
            try {
                problem = json.readValue(body, Problem.class);
            } catch (IOException | RuntimeException notAProblem) {
                problem = null;
            }
        }
        if (problem == null || problem.getType() == null || problem.getStatus() == null) {
            // not a problem document (a proxy in between, an empty 5xx): keep what is known
            problem = new Problem()
                    .type(URI.create("about:blank"))
                    .status(status)
                    .title("HTTP " + status)
                    .detail(body == null || body.isBlank() ? null : body.substring(0, Math.min(200, body.length())));
        }
        return new MediagateProblemException(problem, retryAfter(headers).orElse(null));
    }

    /** {@code Retry-After} in delay-seconds (RFC 9110 §10.2.3), the only form the gateway sends. */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.firstValue("Retry-After").flatMap(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
            } catch (NumberFormatException httpDate) {
                return Optional.empty();
            }
        });
    }
}
