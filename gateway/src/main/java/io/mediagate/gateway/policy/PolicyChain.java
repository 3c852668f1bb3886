package io.mediagate.gateway.policy;

import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.policy.circuit.ConnectionCircuits;
import io.mediagate.gateway.policy.quota.OutboundQuota;
import io.mediagate.gateway.policy.retry.Backoff;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mediagate.contracts.spi.http.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.SignalType;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every vendor call goes through here, and the order of the central policies is written down only here.
 * From the outside in:
 * <ol>
 *   <li>deadline: {@code timeout} bounds the whole request, retries and waits included;</li>
 *   <li>retry with backoff (idempotent calls, or writes guarded by an Idempotency-Key);</li>
 *   <li>circuit breaker, then bulkhead (per attempt: an open circuit stops retries too);</li>
 *   <li>quota: every attempt takes its own token, so a retry can never push the vendor over its limit;</li>
 *   <li>metrics of the real vendor call, then the provider.</li>
 * </ol>
 * A vendor 429 pauses the connection's quota for its Retry-After before the retry decision is made.
 * Reads are cached outside this chain ({@code policy/cache}), so a cache hit costs no token.
 * Each attempt runs in its own span ({@link VendorAttemptTracing}) carrying these decisions.
 */
@Component
public class PolicyChain {
    private final OutboundQuota quota;
    private final ConnectionCircuits circuits;
    private final UpstreamMetrics metrics;
    private final VendorAttemptTracing tracing;
    private final Clock clock;

    public PolicyChain(OutboundQuota quota, ConnectionCircuits circuits, UpstreamMetrics metrics,
                       VendorAttemptTracing tracing, Clock clock) {
        this.quota = quota;
        this.circuits = circuits;
        this.metrics = metrics;
        this.tracing = tracing;
        this.clock = clock;
    }

    public <T> Mono<T> call(Connection connection, Operation operation, Function<VideoProvider, Mono<T>> call) {
        return call(connection, operation, operation.idempotent(), call);
    }

    /** As {@link #call(Connection, Operation, Function)}, with the retry decision made by the caller. */
    public <T> Mono<T> call(Connection connection, Operation operation, boolean mayRetry,
                            Function<VideoProvider, Mono<T>> call) {
        Duration timeout = connection.policy().timeout();
        return Mono.defer(() -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            CircuitBreaker breaker = circuits.breaker(connection);
            AtomicInteger attempts = new AtomicInteger();
            Mono<T> attempt = Mono.defer(() -> tracing.attempt(connection, operation, attempts.incrementAndGet(),
                    () -> breaker.getState().name(), span -> Mono.defer(() -> {
                        long asked = System.nanoTime();
                        return quota.acquire(connection, remaining(deadline))
                                .doOnSuccess(v -> span.quotaGranted(Duration.ofNanos(System.nanoTime() - asked)));
                    })
                    .then(metrics.record(connection, operation, Mono.defer(() -> call.apply(connection.provider()))))
                    .onErrorResume(ProviderException.class, e -> e.kind() == ProviderException.Kind.RATE_LIMITED
                            ? quota.pause(connection, e.retryAfter()).then(Mono.error(e)) : Mono.error(e))
                    .transformDeferred(BulkheadOperator.of(circuits.bulkhead(connection)))
                    .transformDeferred(CircuitBreakerOperator.of(breaker))));
            Mono<T> retried = mayRetry ? attempt.transformDeferred(RetryOperator.of(
                    Backoff.withFullJitter(connection.policy().retry())
                            .forRequest(connection.id() + "-" + operation.tag(), deadline)))
                    : attempt;
            return retried.timeout(timeout).onErrorMap(TimeoutException.class, e -> ProviderException.unavailable(
                    "no answer from the vendor within the " + timeout.toMillis() + " ms deadline", 0, null));
        });
    }

    /**
     * Raw passthrough: the same quota, circuit breaker, bulkhead and metrics as normalized calls, around a
     * response that streams straight to the client. Streaming is why there is no retry (the body may already be
     * on its way) and no deadline (a large upload may legitimately take long; the HTTP client's response
     * timeout bounds the wait for the vendor's first byte). The vendor's status feeds the circuit breaker, and
     * a vendor 429 pauses the quota like any other.
     */
    public Mono<Void> passthrough(Connection c, Operation op, ServerWebExchange exchange,
                                  Supplier<Mono<Void>> forward) {
        CircuitBreaker breaker = circuits.breaker(c);
        Bulkhead bulkhead = circuits.bulkhead(c);
        HttpHeaders propagation = new HttpHeaders();
        exchange.getAttributes().put(VendorAttemptTracing.RAW_PROPAGATION, propagation);
        return tracing.rawAttempt(c, op, () -> breaker.getState().name(), propagation, span -> Mono.defer(() -> {
            long asked = System.nanoTime();
            return quota.acquire(c, c.policy().quota().maxWait())
                    .doOnSuccess(v -> span.quotaGranted(Duration.ofNanos(System.nanoTime() - asked)));
        }).then(Mono.defer(() -> {
            if (!breaker.tryAcquirePermission()) {
                return Mono.error(CallNotPermittedException.createCallNotPermittedException(breaker));
            }
            if (!bulkhead.tryAcquirePermission()) {
                breaker.releasePermission();
                return Mono.error(BulkheadFullException.createBulkheadFullException(bulkhead));
            }
            long start = System.nanoTime();
            return forward.get().doFinally(signal -> {
                bulkhead.onComplete();
                long took = System.nanoTime() - start;
                HttpStatusCode status = exchange.getResponse().getStatusCode();
                int code = status == null ? 0 : status.value();
                if (signal == SignalType.ON_ERROR || code >= 500) {
                    breaker.onError(took, TimeUnit.NANOSECONDS,
                            ProviderException.unavailable("passthrough answered " + code, code, null));
                } else {
                    breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                }
                metrics.recordRaw(c, op, code, signal == SignalType.ON_ERROR, took);
                if (code == 429) {
                    Duration retryAfter = RetryAfter.parse(exchange.getResponse().getHeaders(), clock);
                    quota.pause(c, retryAfter).subscribe();
                }
            });
        })));
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
