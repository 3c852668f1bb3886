package io.mediagate.contracts.spi;

import java.time.Duration;
import java.util.Map;

/**
 * Every failure mediagate names, in one closed taxonomy: what the vendor answered ({@link ProviderException} and
 * its {@link ProviderException.Kind}s) and what the gateway refused before the vendor was called
 * ({@link GatewayRefusal}). Each member carries the traits the gateway acts on, so retry, circuit breaker, cache and
 * problem rendering read traits instead of testing types.
 */
public sealed interface Failure permits ProviderException, GatewayRefusal {

    /** The HTTP status the gateway answers with. */
    int httpStatus();

    /** The problem type's last segment (RFC 9457 {@code type} is {@code https://mediagate.dev/problems/<slug>}). */
    String problemType();

    /** The problem's short, fixed title. */
    String title();

    /** Whether the same request may succeed if the client repeats it later. */
    boolean retryable();

    /** How long the client should wait before repeating it ({@code Retry-After}), or null when nobody said. */
    Duration retryAfter();

    /** Whether this failure is a sign of a sick vendor (counts against its circuit, may be papered over). */
    boolean vendorIsSick();

    /** A short stable name for spans and logs, e.g. {@code circuit_open} or {@code vendor_not-found}. */
    String code();

    /** Extra members of the problem document (e.g. {@code connection}), none by default; values never null. */
    default Map<String, Object> problemMembers() {
        return Map.of();
    }
}
