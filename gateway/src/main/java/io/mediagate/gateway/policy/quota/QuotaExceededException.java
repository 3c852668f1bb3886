package io.mediagate.gateway.policy.quota;

import java.time.Duration;

/** No vendor token within the wait budget: answered 429 with Retry-After, the vendor is not called. */
public class QuotaExceededException extends RuntimeException {
    private final String connection;
    private final Duration retryAfter;

    public QuotaExceededException(String connection, Duration retryAfter) {
        super("connection " + connection + " is at its vendor quota; try again in "
                + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s", null, false, false);
        this.connection = connection;
        this.retryAfter = retryAfter;
    }

    public String connection() {
        return connection;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
