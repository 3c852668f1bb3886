package io.mediagate.gateway.policy;

import io.mediagate.contracts.spi.Failure;
import io.mediagate.gateway.web.FailureMapper;

/** Which policy (or the vendor) ended an attempt, as a span attribute value. */
final class Refusal {
    private Refusal() {}

    static String of(Throwable e) {
        Failure failure = FailureMapper.classify(e);
        return failure == null ? "error" : failure.code();
    }
}
