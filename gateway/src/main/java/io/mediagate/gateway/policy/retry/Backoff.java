package io.mediagate.gateway.policy.retry;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.gateway.config.RetryProperties;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): the n-th wait
 * is uniform in [0, min(max-backoff, first-backoff * 2^(n-1))]. A vendor's Retry-After replaces the jittered
 * wait. Only retryable vendor failures are retried, and never when the next wait would overrun the request's
 * deadline: giving up early leaves the caller time to do something else.
 */
public final class Backoff {
    private final RetryProperties settings;
    private final DoubleSupplier jitter;

    public Backoff(RetryProperties settings, DoubleSupplier jitter) {
        this.settings = settings;
        this.jitter = jitter;
    }

    public static Backoff withFullJitter(RetryProperties settings) {
        return new Backoff(settings, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The longest the n-th wait (n from 1) can be, before jitter. */
    public Duration ceiling(int attempt) {
        long first = settings.firstBackoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        long exp = attempt >= 31 ? cap : first << Math.max(0, attempt - 1);
        return Duration.ofMillis(Math.min(cap, exp < 0 ? cap : exp));
    }

    /** The wait before retry {@code attempt} after {@code failure}. */
    public Duration waitAfter(int attempt, Throwable failure) {
        if (failure instanceof ProviderException p && p.retryAfter() != null) {
            return p.retryAfter();
        }
        return Duration.ofMillis((long) (ceiling(attempt).toMillis() * jitter.getAsDouble()));
    }

    /**
     * A resilience4j Retry for one request whose deadline is {@code deadlineNanos} ({@link System#nanoTime()}).
     * Built per request because the deadline is part of the decision.
     */
    public Retry forRequest(String name, long deadlineNanos) {
        return forRequest(name, deadlineNanos, deadlineNanos);
    }

    /**
     * As {@link #forRequest(String, long)}; a vendor 429 is retried only if its Retry-After also ends before
     * {@code waitDeadlineNanos} (the request's quota-wait budget), else it is answered at once.
     */
    public Retry forRequest(String name, long deadlineNanos, long waitDeadlineNanos) {
        RetryConfig config = RetryConfig.<Object>custom()
                .maxAttempts(settings.maxAttempts())
                .intervalBiFunction((Integer attempt, Either<Throwable, Object> outcome) ->
                        outcome.isLeft() ? waitAfter(attempt, outcome.getLeft()).toMillis() : 0L)
                .retryOnException(e -> retryable(e)
                        && fitsDeadline(e, deadlineNanos)
                        && (!rateLimited(e) || fitsDeadline(e, waitDeadlineNanos)))
                .failAfterMaxAttempts(false)
                .build();
        return Retry.of(name, config);
    }

    static boolean retryable(Throwable e) {
        return e instanceof ProviderException p && p.retryable();
    }

    private static boolean rateLimited(Throwable e) {
        return e instanceof ProviderException p && p.kind() == ProviderException.Kind.RATE_LIMITED;
    }

    private boolean fitsDeadline(Throwable e, long deadlineNanos) {
        Duration next = e instanceof ProviderException p && p.retryAfter() != null ? p.retryAfter() : Duration.ZERO;
        return System.nanoTime() + next.toNanos() < deadlineNanos;
    }
}
