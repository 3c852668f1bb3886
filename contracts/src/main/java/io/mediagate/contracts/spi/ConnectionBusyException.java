package io.mediagate.contracts.spi;

import java.time.Duration;

/** The connection's bulkhead is full: 503 {@code connection-busy}, vendor not called; a call frees up soon. */
public final class ConnectionBusyException extends GatewayRefusal {
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    public ConnectionBusyException(Throwable cause) {
        super(
                503,
                "connection-busy",
                "Too many concurrent calls",
                true,
                RETRY_AFTER,
                "bulkhead_full",
                "this connection has too many calls in flight",
                cause);
    }
}
