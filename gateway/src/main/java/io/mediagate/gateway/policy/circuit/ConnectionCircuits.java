package io.mediagate.gateway.policy.circuit;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.gateway.config.CircuitProperties;
import io.mediagate.gateway.connection.Connection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker and one bulkhead per connection. Only signs of a sick vendor count as failures (it is
 * unavailable, answers garbage or times out); a 404 or a refused write is the vendor working correctly.
 * Metrics are bound by hand: resilience4j's Boot module is not used.
 */
@Component
public class ConnectionCircuits {
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();

    public ConnectionCircuits(MeterRegistry meters) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
    }

    public CircuitBreaker breaker(Connection c) {
        CircuitProperties p = c.policy().circuit();
        return breakers.circuitBreaker(c.id(), () -> CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(p.windowSize())
                .minimumNumberOfCalls(p.minimumCalls())
                .failureRateThreshold(p.failureRateThreshold())
                .waitDurationInOpenState(p.openFor())
                .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(3, p.minimumCalls())))
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(ConnectionCircuits::vendorIsSick)
                .build());
    }

    public Bulkhead bulkhead(Connection c) {
        return bulkheads.bulkhead(c.id(), () -> BulkheadConfig.custom()
                .maxConcurrentCalls(c.policy().circuit().maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    /** Closes every circuit and forgets its history (operators after an incident; tests between cases). */
    public void resetAll() {
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    static boolean vendorIsSick(Throwable e) {
        if (e instanceof ProviderException p) {
            return p.kind() == ProviderException.Kind.UNAVAILABLE || p.kind() == ProviderException.Kind.UPSTREAM_ERROR;
        }
        return e instanceof TimeoutException;
    }
}
