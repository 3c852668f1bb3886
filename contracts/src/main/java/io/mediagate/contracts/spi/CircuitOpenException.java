package io.mediagate.contracts.spi;

import java.time.Duration;

/** The connection's circuit is open after repeated vendor failures: 503 {@code circuit-open}, vendor not called. */
public final class CircuitOpenException extends GatewayRefusal {
    /**
     * The breaker does not say how long it stays open, and a half-open probe may close it sooner: a short hint is
     * honest enough, and keeps clients from hammering.
     */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    public CircuitOpenException(Throwable cause) {
        super(
                503,
                "circuit-open",
                "Vendor circuit open",
                true,
                RETRY_AFTER,
                "circuit_open",
                "the vendor failed repeatedly; calls are paused to let it recover",
                cause);
    }
}
