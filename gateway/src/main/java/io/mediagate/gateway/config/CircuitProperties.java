package io.mediagate.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * Circuit breaker and bulkhead of one connection: the circuit opens when at least {@code minimumCalls} of the
 * last {@code windowSize} vendor calls were seen and {@code failureRateThreshold}% of them failed (vendor down,
 * garbage, timeout), stays open {@code openFor}; at most {@code maxConcurrentCalls} calls run at once.
 *
 * @param failureRateThreshold percent (1-100) of failed vendor calls in the window that opens the circuit
 * @param minimumCalls         vendor calls in the window before the failure rate counts
 * @param windowSize           vendor calls in the sliding window
 * @param openFor              how long an open circuit refuses calls before it lets a trial call through
 * @param maxConcurrentCalls   bulkhead: vendor calls in flight at once
 */
public record CircuitProperties(
        @Min(1) @Max(100) Integer failureRateThreshold,
        @Positive Integer minimumCalls,
        @Positive Integer windowSize,
        Duration openFor,
        @Positive Integer maxConcurrentCalls) {
    CircuitProperties merge(CircuitProperties base) {
        return base == null
                ? this
                : new CircuitProperties(
                        failureRateThreshold != null ? failureRateThreshold : base.failureRateThreshold,
                        minimumCalls != null ? minimumCalls : base.minimumCalls,
                        windowSize != null ? windowSize : base.windowSize,
                        openFor != null ? openFor : base.openFor,
                        maxConcurrentCalls != null ? maxConcurrentCalls : base.maxConcurrentCalls);
    }
}
