package io.mediagate.gateway.policy.quota;

import io.mediagate.contracts.spi.QuotaExhaustedException;
import java.time.Duration;

/** No vendor token within the wait budget: answered 429 with Retry-After, the vendor is not called. */
public class QuotaExceededException extends QuotaExhaustedException {

    public QuotaExceededException(String connection, Duration retryAfter) {
        super(
                connection,
                retryAfter,
                "connection " + connection + " is at its vendor quota; try again in " + seconds(retryAfter) + " s");
    }

    protected QuotaExceededException(String connection, Duration retryAfter, String message) {
        super(connection, retryAfter, message);
    }

    /** For a refinement with its own problem type and title (a client's share). */
    protected QuotaExceededException(
            String connection, Duration retryAfter, String problemType, String title, String message) {
        super(connection, retryAfter, problemType, title, message);
    }

    static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
