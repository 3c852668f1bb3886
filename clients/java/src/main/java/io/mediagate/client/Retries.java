package io.mediagate.client;

import io.mediagate.client.generated.ApiException;
import java.time.Duration;

/**
 * Repeats a call the gateway answered 429 or 503, only when repeating it is safe (reads, deletes, POSTs carrying
 * an {@code Idempotency-Key} the gateway honours). It waits what {@code Retry-After} says, or else backs off
 * exponentially from {@code firstBackoff}; a wait longer than {@code maxWait} is not waited for, the problem is
 * thrown instead, so a caller is never held longer than it configured.
 */
final class Retries {
    /** Waits; a seam so tests can see the waits without spending them. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** One call of the generated client. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws ApiException;
    }

    private final int maxRetries;
    private final Duration firstBackoff;
    private final Duration maxWait;
    private final Sleeper sleeper;
    private final Problems problems;

    Retries(int maxRetries, Duration firstBackoff, Duration maxWait, Sleeper sleeper, Problems problems) {
        this.maxRetries = maxRetries;
        this.firstBackoff = firstBackoff;
        this.maxWait = maxWait;
        this.sleeper = sleeper;
        this.problems = problems;
    }

    <T> T call(boolean safeToRepeat, Call<T> call) throws ApiException {
        for (int retry = 0; ; retry++) {
            try {
                return call.run();
            } catch (ApiException e) {
                if (!safeToRepeat || retry >= maxRetries || (e.getCode() != 429 && e.getCode() != 503)) {
                    throw e;
                }
                Duration wait = problems.retryAfter(e.getResponseHeaders())
                        .orElse(firstBackoff.multipliedBy(1L << Math.min(retry, 16)));
                if (wait.compareTo(maxWait) > 0) {
                    throw e;
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
