package io.mediagate.contracts.spi;

import java.time.Duration;
import java.util.Map;

/**
 * No vendor token within the call's wait budget: 429 {@code quota-exhausted} with {@code Retry-After}; the vendor
 * is not called. Open (non-sealed) so the gateway's quota can refine it (a client's share of the quota).
 */
public non-sealed class QuotaExhaustedException extends GatewayRefusal {
    private final String connection;

    public QuotaExhaustedException(String connection, Duration retryAfter, String message) {
        this(connection, retryAfter, "quota-exhausted", "Vendor quota exhausted", message);
    }

    /** For a refinement with its own problem type and title. */
    protected QuotaExhaustedException(
            String connection, Duration retryAfter, String problemType, String title, String message) {
        super(429, problemType, title, true, retryAfter, "quota_exhausted", message, null);
        this.connection = connection;
    }

    /** The connection whose quota is spent. */
    public String connection() {
        return connection;
    }

    @Override
    public Map<String, Object> problemMembers() {
        return Map.of("connection", connection);
    }
}
