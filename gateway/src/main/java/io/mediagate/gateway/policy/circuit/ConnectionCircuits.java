package io.mediagate.gateway.policy.circuit;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.mediagate.gateway.config.CircuitProperties;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.web.FailureMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker and one bulkhead per connection. Only signs of a sick vendor count as failures (it is
 * unavailable, answers garbage or times out, deadline expiries included); a 404 or a refused write is the vendor
 * working correctly; a call the bulkhead or quota turned away never reached the vendor and counts as neither.
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
        return breakers.circuitBreaker(
                c.id(),
                () -> CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(p.windowSize())
                        .minimumNumberOfCalls(p.minimumCalls())
                        .failureRateThreshold(p.failureRateThreshold())
                        .waitDurationInOpenState(p.openFor())
                        .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(3, p.minimumCalls())))
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .recordException(ConnectionCircuits::vendorIsSick)
                        // refused before reaching the vendor: neither a failure nor a success of the vendor
                        .ignoreException(ConnectionCircuits::neverReachedTheVendor)
                        .build());
    }

    public Bulkhead bulkhead(Connection c) {
        return bulkheads.bulkhead(
                c.id(),
                () -> BulkheadConfig.custom()
                        .maxConcurrentCalls(c.policy().circuit().maxConcurrentCalls())
                        .maxWaitDuration(Duration.ZERO)
                        .build());
    }

    /** Closes every circuit and forgets its history (operators after an incident; tests between cases). */
    public void resetAll() {
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    static boolean neverReachedTheVendor(Throwable e) {
        return FailureMapper.neverReachedTheVendor(e);
    }

    /** Whether a failure is a sign of a sick vendor (unavailable, garbage, timed out): the taxonomy's trait. */
    public static boolean vendorIsSick(Throwable e) {
        return FailureMapper.vendorIsSick(e);
    }
}
