package io.mediagate.contracts.spi;

import java.time.Duration;
import java.util.Locale;

/**
 * A vendor call failed: the vendor's side of the {@link Failure} taxonomy. Adapters map every vendor error shape to
 * exactly one {@link Kind} (starting from the default status mapping, {@code spi.http.VendorStatus}); the gateway's
 * retry, circuit breaker and problem mapping look only at the kind and the traits. Messages must never contain
 * credentials.
 */
public non-sealed class ProviderException extends RuntimeException implements Failure {

    /** The closed set of vendor failure kinds. */
    public enum Kind {
        NOT_FOUND(404, false, false, "Not found at the vendor"),
        UNAUTHORIZED(502, false, false, "The vendor refused the gateway's credentials"),
        FORBIDDEN(403, false, false, "The vendor forbids this"),
        INVALID_REQUEST(400, false, false, "The vendor rejected the request"),
        CONFLICT(409, false, false, "Conflict at the vendor"),
        RATE_LIMITED(429, true, false, "Rate limited"),
        UNAVAILABLE(503, true, true, "The vendor is unavailable"),
        UPSTREAM_ERROR(502, false, true, "The vendor answered unexpectedly");

        private final int httpStatus;
        private final boolean retryable;
        private final boolean vendorIsSick;
        private final String title;

        Kind(int httpStatus, boolean retryable, boolean vendorIsSick, String title) {
            this.httpStatus = httpStatus;
            this.retryable = retryable;
            this.vendorIsSick = vendorIsSick;
            this.title = title;
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

        /**
         * Whether the vendor itself is failing (down, timing out, answering garbage), as opposed to refusing this
         * one call for a reason of its own: feeds the circuit breaker and stale-if-error.
         */
        public boolean vendorIsSick() {
            return vendorIsSick;
        }

        /** The problem title for this kind. */
        public String title() {
            return title;
        }

        /** The kind in lower-case kebab form ({@code rate-limited}); the problem type is {@code vendor-<slug>}. */
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
        return new ProviderException(
                Kind.RATE_LIMITED, "the vendor is rate limiting this connection", retryAfter, vendorStatus, null);
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
    @Override
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The vendor's HTTP (or envelope) status, 0 when there was no answer. */
    public int vendorStatus() {
        return vendorStatus;
    }

    @Override
    public boolean retryable() {
        return kind.retryable();
    }

    @Override
    public int httpStatus() {
        return kind.httpStatus();
    }

    @Override
    public String problemType() {
        return "vendor-" + kind.slug();
    }

    @Override
    public String title() {
        return kind.title();
    }

    @Override
    public boolean vendorIsSick() {
        return kind.vendorIsSick();
    }

    @Override
    public String code() {
        return "vendor_" + kind.slug();
    }
}
