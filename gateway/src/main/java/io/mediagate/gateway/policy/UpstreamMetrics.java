package io.mediagate.gateway.policy;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.gateway.connection.Connection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code mediagate_upstream_requests_total} and {@code mediagate_upstream_latency_seconds}: one sample per call
 * that really went to the vendor (retries count separately; calls refused by quota or circuit do not count).
 */
@Component
public class UpstreamMetrics {
    private final MeterRegistry registry;

    public UpstreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public <T> Mono<T> record(Connection c, Operation op, Mono<T> call) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(registry);
            return call.doOnSuccess(v -> stop(sample, c, op, "success", "2xx"))
                    .doOnError(e -> stop(sample, c, op, outcome(e), status(e)))
                    .doOnCancel(() -> stop(sample, c, op, "cancelled", "none"));
        });
    }

    /** One passthrough call, with the vendor's HTTP status as it went back to the client. */
    public void recordRaw(Connection c, Operation op, int status, boolean failed, long nanos) {
        Timer.builder("mediagate.upstream.latency").description("vendor call latency")
                .tags("connection", c.id(), "vendor", c.vendor(), "operation", op.tag())
                .register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        String outcome = failed ? "error" : status >= 500 ? "unavailable" : status == 429 ? "rate-limited"
                : status >= 400 ? "client-error" : "success";
        registry.counter("mediagate.upstream.requests", "connection", c.id(), "vendor", c.vendor(),
                "operation", op.tag(), "outcome", outcome, "status", status == 0 ? "none" : Integer.toString(status))
                .increment();
    }

    private void stop(Timer.Sample sample, Connection c, Operation op, String outcome, String status) {
        sample.stop(Timer.builder("mediagate.upstream.latency").description("vendor call latency")
                .tags("connection", c.id(), "vendor", c.vendor(), "operation", op.tag())
                .register(registry));
        registry.counter("mediagate.upstream.requests", "connection", c.id(), "vendor", c.vendor(),
                "operation", op.tag(), "outcome", outcome, "status", status).increment();
    }

    private static String outcome(Throwable e) {
        return e instanceof ProviderException p ? p.kind().slug() : "error";
    }

    private static String status(Throwable e) {
        return e instanceof ProviderException p && p.vendorStatus() > 0 ? Integer.toString(p.vendorStatus())
                : "none";
    }
}
