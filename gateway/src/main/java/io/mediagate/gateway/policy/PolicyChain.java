package io.mediagate.gateway.policy;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.gateway.connection.Connection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every vendor call goes through here, and the order of the central policies is written down only here:
 * metrics (outermost, one sample per client-visible call) → deadline → provider.
 */
@Component
public class PolicyChain {
    private final UpstreamMetrics metrics;

    public PolicyChain(MeterRegistry registry) {
        this.metrics = new UpstreamMetrics(registry);
    }

    public <T> Mono<T> call(Connection connection, Operation operation, Function<VideoProvider, Mono<T>> call) {
        Mono<T> attempt = Mono.defer(() -> call.apply(connection.provider()));
        Mono<T> withDeadline = attempt.timeout(connection.policy().timeout())
                .onErrorMap(TimeoutException.class, e -> ProviderException.unavailable(
                        "the vendor did not answer within " + connection.policy().timeout().toMillis() + " ms", 0,
                        null));
        return metrics.record(connection, operation, withDeadline);
    }

    /** Micrometer meters for vendor calls. */
    static final class UpstreamMetrics {
        private final MeterRegistry registry;

        UpstreamMetrics(MeterRegistry registry) {
            this.registry = registry;
        }

        <T> Mono<T> record(Connection c, Operation op, Mono<T> call) {
            return Mono.defer(() -> {
                Timer.Sample sample = Timer.start(registry);
                return call.doOnSuccess(v -> stop(sample, c, op, "success", "2xx"))
                        .doOnError(e -> stop(sample, c, op, outcome(e), status(e)))
                        .doOnCancel(() -> stop(sample, c, op, "cancelled", "none"));
            });
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
}
