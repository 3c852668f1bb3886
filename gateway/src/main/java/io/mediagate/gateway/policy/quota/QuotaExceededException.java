package io.mediagate.gateway.policy.quota;

import java.time.Duration;

/** No vendor token within the wait budget: answered 429 with Retry-After, the vendor is not called. */
public class QuotaExceededException extends RuntimeException {
    private final String connection;
    private final Duration retryAfter;

    public QuotaExceededException(String connection, Duration retryAfter) {
        this(connection, retryAfter, "connection " + connection + " is at its vendor quota; try again in "
                + seconds(retryAfter) + " s");
    }

    protected QuotaExceededException(String connection, Duration retryAfter, String message) {
        super(message, null, false, false);
        this.connection = connection;
        this.retryAfter = retryAfter;
    }

    static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    public String connection() {
        return connection;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
