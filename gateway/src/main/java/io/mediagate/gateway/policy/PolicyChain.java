package io.mediagate.gateway.policy;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.http.RetryAfter;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.policy.circuit.ConnectionCircuits;
import io.mediagate.gateway.policy.quota.OutboundQuota;
import io.mediagate.gateway.policy.retry.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

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
 * A vendor 429 pauses the connection (quota configured or not) for its Retry-After, clamped, before the retry
 * decision is made, and the client is told the clamped delay. Quota waits, including a retry's wait for a vendor
 * Retry-After, share one budget per request: {@code quota.max-wait}.
 * Reads are cached outside this chain ({@code policy/cache}), so a cache hit costs no token.
 * Each attempt runs in its own span ({@link VendorAttemptTracing}) carrying these decisions.
 */
@Component
public class PolicyChain {
    private static final Duration SAFETY_NET = Duration.ofMillis(100);
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
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            // one quota-wait budget for the whole request: attempts and Retry-After waits share it
            long waitDeadline = start + Math.min(timeout.toNanos(), connection.policy().quota().maxWait().toNanos());
            CircuitBreaker breaker = circuits.breaker(connection);
            AtomicInteger attempts = new AtomicInteger();
            // the attempt's own share of the deadline sits inside the circuit breaker, so a vendor that hangs
            // until the deadline is recorded as failing; the outer timeout alone would only cancel the attempt,
            // which a circuit breaker records as nothing at all
            Mono<T> attempt = Mono.defer(() -> tracing.attempt(connection, operation, attempts.incrementAndGet(),
                    () -> breaker.getState().name(), span -> Mono.defer(() -> {
                        long asked = System.nanoTime();
                        return quota.acquire(connection, remaining(waitDeadline))
                                .doOnSuccess(v -> span.quotaGranted(Duration.ofNanos(System.nanoTime() - asked)));
                    })
                    .then(Mono.defer(() -> metrics.record(connection, operation,
                            Mono.defer(() -> call.apply(connection.provider()))).timeout(remaining(deadline))))
                    .onErrorResume(ProviderException.class, e -> e.kind() == ProviderException.Kind.RATE_LIMITED
                            ? quota.pause(connection, e.retryAfter()).flatMap(told -> Mono.error(told(e, told)))
                            : Mono.error(e))
                    .transformDeferred(BulkheadOperator.of(circuits.bulkhead(connection)))
                    .transformDeferred(CircuitBreakerOperator.of(breaker))));
            Mono<T> retried = mayRetry ? attempt.transformDeferred(RetryOperator.of(
                    Backoff.withFullJitter(connection.policy().retry())
                            .forRequest(connection.id() + "-" + operation.tag(), deadline, waitDeadline)))
                    : attempt;
            // the attempts already stop at the deadline (and are recorded as failures there); this outer bound is a
            // safety net a little later, so it never cancels an attempt before its own timeout is recorded
            return retried.timeout(timeout.plus(SAFETY_NET)).onErrorMap(TimeoutException.class, e -> ProviderException.unavailable(
                    "no answer from the vendor within the " + timeout.toMillis() + " ms deadline", 0, null));
        });
    }

    /**
     * Raw passthrough: the same quota, circuit breaker, bulkhead and metrics as normalized calls, around a
     * response that streams straight to the client. Streaming is why there is no retry (the body may already be
     * on its way) and no deadline (a large upload may legitimately take long; the HTTP client's response
     * timeout bounds the wait for the vendor's first byte, set per connection to its {@code timeout}). The
     * vendor's status and failures (timeouts, resets) feed the circuit breaker; a client that goes away or whose
     * request is refused mid-way does not; a vendor 429 pauses the quota like any other.
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
            // a vendor 429's Retry-After reaches the client clamped as the pause is (max-retry-after)
            exchange.getResponse().beforeCommit(() -> {
                HttpStatusCode status = exchange.getResponse().getStatusCode();
                if (status != null && status.value() == 429) {
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1,
                            quota.clamp(c, RetryAfter.parse(headers, clock)).toSeconds())));
                }
                return Mono.empty();
            });
            AtomicReference<Throwable> failure = new AtomicReference<>();
            return forward.get().doOnError(failure::set).doFinally(signal -> {
                bulkhead.onComplete();
                long took = System.nanoTime() - start;
                HttpStatusCode status = exchange.getResponse().getStatusCode();
                int code = status == null ? 0 : status.value();
                Throwable error = failure.get();
                if (signal == SignalType.CANCEL || error != null && !ConnectionCircuits.vendorIsSick(error)) {
                    // the client went away or its own request was refused mid-way: says nothing of the vendor
                    breaker.releasePermission();
                } else if (error != null || code >= 500) {
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

    /** The vendor's 429 with the Retry-After the gateway applies (clamped), which is what the client is told. */
    private static ProviderException told(ProviderException vendor429, Duration clamped) {
        return new ProviderException(ProviderException.Kind.RATE_LIMITED, vendor429.getMessage(), clamped,
                vendor429.vendorStatus(), null);
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
