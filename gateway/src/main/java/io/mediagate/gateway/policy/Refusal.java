package io.mediagate.gateway.policy;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.gateway.policy.quota.QuotaExceededException;

/** Which policy (or the vendor) ended an attempt, as a span attribute value. */
final class Refusal {
    private Refusal() {
    }

    static String of(Throwable e) {
        if (e instanceof CallNotPermittedException) {
            return "circuit_open";
        }
        if (e instanceof BulkheadFullException) {
            return "bulkhead_full";
        }
        if (e instanceof QuotaExceededException) {
            return "quota_exhausted";
        }
        if (e instanceof ProviderException p) {
            return "vendor_" + p.kind().slug();
        }
        return "error";
    }
}
