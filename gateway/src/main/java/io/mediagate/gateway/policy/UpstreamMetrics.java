package io.mediagate.gateway.policy;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.gateway.connection.Connection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code mediagate_upstream_requests_total} and {@code mediagate_upstream_latency_seconds}: one sample per call
 * that really went to the vendor (retries count separately; calls refused by quota or circuit do not count).
 */
@Component
public class UpstreamMetrics {
    private final MeterRegistry registry;
    // meters looked up once per tag set: building ids and tags on every vendor call is avoidable garbage
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public UpstreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private Timer latency(Connection c, Operation op) {
        return timers.computeIfAbsent(
                List.of(c.id(), op.tag()),
                k -> Timer.builder("mediagate.upstream.latency")
                        .description("latency of calls that reached the vendor (one sample per attempt)")
                        .tags("connection", c.id(), "vendor", c.vendor(), "operation", op.tag())
                        .register(registry));
    }

    private Counter requests(Connection c, Operation op, String outcome, String status) {
        return counters.computeIfAbsent(
                List.of(c.id(), op.tag(), outcome, status),
                k -> Counter.builder("mediagate.upstream.requests")
                        .description("calls that reached the vendor, by outcome and vendor HTTP status (retries count)")
                        .tags(
                                "connection",
                                c.id(),
                                "vendor",
                                c.vendor(),
                                "operation",
                                op.tag(),
                                "outcome",
                                outcome,
                                "status",
                                status)
                        .register(registry));
    }

    /**
     * Creates, at zero, the series that alerts and dashboards read before any call happened: successes and
     * vendor 429s of every operation. Without them {@code increase(...)} is "no data" rather than 0.
     */
    public void registerAtZero(Connection c) {
        for (Operation op : Operation.values()) {
            requests(c, op, "success", "2xx");
            requests(c, op, ProviderException.Kind.RATE_LIMITED.slug(), "429");
        }
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
        latency(c, op).record(nanos, TimeUnit.NANOSECONDS);
        String outcome = failed
                ? "error"
                : status >= 500
                        ? "unavailable"
                        : status == 429 ? "rate-limited" : status >= 400 ? "client-error" : "success";
        requests(c, op, outcome, status == 0 ? "none" : Integer.toString(status))
                .increment();
    }

    private void stop(Timer.Sample sample, Connection c, Operation op, String outcome, String status) {
        sample.stop(latency(c, op));
        requests(c, op, outcome, status).increment();
    }

    private static String outcome(Throwable e) {
        return e instanceof ProviderException p ? p.kind().slug() : "error";
    }

    private static String status(Throwable e) {
        return e instanceof ProviderException p && p.vendorStatus() > 0 ? Integer.toString(p.vendorStatus()) : "none";
    }
}
