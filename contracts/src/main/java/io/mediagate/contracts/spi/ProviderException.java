package io.mediagate.contracts.spi;

import java.time.Duration;
import java.util.Locale;

/**
 * A vendor call failed. Adapters map every vendor error shape to exactly one {@link Kind}; the gateway's retry,
 * circuit breaker and problem mapping look only at the kind. Messages must never contain credentials.
 */
public class ProviderException extends RuntimeException {

    /** The closed set of vendor failure kinds. */
    public enum Kind {
        NOT_FOUND(404, false),
        UNAUTHORIZED(502, false),
        FORBIDDEN(403, false),
        INVALID_REQUEST(400, false),
        CONFLICT(409, false),
        RATE_LIMITED(429, true),
        UNAVAILABLE(503, true),
        UPSTREAM_ERROR(502, false);

        private final int httpStatus;
        private final boolean retryable;

        Kind(int httpStatus, boolean retryable) {
            this.httpStatus = httpStatus;
            this.retryable = retryable;
        }

        /**
         * The status the gateway answers with. UNAUTHORIZED is 502, not 401: the caller's own key was fine,
         * it is the gateway's vendor credentials that were refused.
         */
        public int httpStatus() {
            return httpStatus;
        }

        /** Whether the same call may succeed if repeated later. */
        public boolean retryable() {
            return retryable;
        }

        public String slug() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final int vendorStatus;

    public ProviderException(Kind kind, String message) {
        this(kind, message, null, 0, null);
    }

    public ProviderException(Kind kind, String message, Duration retryAfter, int vendorStatus, Throwable cause) {
        super(message, cause, false, cause != null);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.vendorStatus = vendorStatus;
    }

    public static ProviderException notFound(String what) {
        return new ProviderException(Kind.NOT_FOUND, what + " not found");
    }

    public static ProviderException rateLimited(Duration retryAfter, int vendorStatus) {
        return new ProviderException(Kind.RATE_LIMITED, "the vendor is rate limiting this connection", retryAfter,
                vendorStatus, null);
    }

    public static ProviderException unavailable(String message, int vendorStatus, Throwable cause) {
        return new ProviderException(Kind.UNAVAILABLE, message, null, vendorStatus, cause);
    }

    public static ProviderException upstream(String message, Throwable cause) {
        return new ProviderException(Kind.UPSTREAM_ERROR, message, null, 0, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** How long the vendor asked us to wait, or null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The vendor's HTTP (or envelope) status, 0 when there was no answer. */
    public int vendorStatus() {
        return vendorStatus;
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
