package io.mediagate.contracts.spi;

import java.time.Duration;

/**
 * The gateway refused a call before any vendor call was made: the connection's quota is spent, its circuit is
 * open, its bulkhead is full, the client is over its own limit, or the vendor cannot do what was asked. Never a
 * sign of a sick vendor, never counted as a vendor call. Stack traces are not filled in: these are decisions, not
 * accidents.
 */
public abstract sealed class GatewayRefusal extends RuntimeException implements Failure
        permits QuotaExhaustedException,
                CircuitOpenException,
                ConnectionBusyException,
                ClientRateLimitedException,
                UnsupportedCapabilityException {
    private final int httpStatus;
    private final String problemType;
    private final String title;
    private final boolean retryable;
    private final Duration retryAfter;
    private final String code;

    GatewayRefusal(
            int httpStatus,
            String problemType,
            String title,
            boolean retryable,
            Duration retryAfter,
            String code,
            String message,
            Throwable cause) {
        super(message, cause, false, false);
        this.httpStatus = httpStatus;
        this.problemType = problemType;
        this.title = title;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.code = code;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String problemType() {
        return problemType;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public final boolean vendorIsSick() {
        return false;
    }

    @Override
    public String code() {
        return code;
    }
}
