package io.mediagate.client;

import io.mediagate.client.generated.model.Problem;
import java.time.Duration;
import java.util.Optional;

/**
 * An RFC 9457 problem the gateway answered, as one typed exception: {@link #type()}, {@link #status()},
 * {@link #retryable()} and {@link #retryAfter()} (from {@code Retry-After}), plus the whole {@link #problem()}
 * (capability, field, scope, guessed call, ...).
 */
public class MediagateProblemException extends RuntimeException {
    /** Every problem type the gateway sends starts with this. */
    public static final String TYPE_BASE = "https://mediagate.dev/problems/";

    private final Problem problem;
    private final Duration retryAfter;

    MediagateProblemException(Problem problem, Duration retryAfter) {
        super(problem.getStatus() + " " + problem.getType()
                + (problem.getDetail() == null ? "" : ": " + problem.getDetail()));
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    /** The problem type URI, e.g. {@code https://mediagate.dev/problems/unsupported-capability}. */
    public String type() {
        return problem.getType().toString();
    }

    /** The last segment of {@link #type()}, e.g. {@code unsupported-capability}. */
    public String slug() {
        String type = type();
        return type.startsWith(TYPE_BASE) ? type.substring(TYPE_BASE.length()) : type;
    }

    /** The HTTP status. */
    public int status() {
        return problem.getStatus();
    }

    /** Whether the same request may succeed later; false when the gateway did not say. */
    public boolean retryable() {
        return Boolean.TRUE.equals(problem.getRetryable());
    }

    /** How long the gateway asked to wait ({@code Retry-After}), when it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The whole problem document, with every extension member the gateway sent. */
    public Problem problem() {
        return problem;
    }
}
