package io.mediagate.gateway.policy;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.mediagate.contracts.spi.DeadlineExceededException;
import io.mediagate.contracts.spi.GuardedVideoProvider;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.http.RetryAfter;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.policy.cache.CacheKey;
import io.mediagate.gateway.policy.cache.CachedResponse;
import io.mediagate.gateway.policy.cache.ReadCache;
import io.mediagate.gateway.policy.circuit.ConnectionCircuits;
import io.mediagate.gateway.policy.quota.OutboundQuota;
import io.mediagate.gateway.policy.retry.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * The one policy pipeline: every vendor call (normalized reads, writes, connection checks, the poller and raw
 * passthrough) goes through the stages of {@link #order}, and the order is written down only there. From the
 * outside in:
 * <ol>
 *   <li>access (before the pipeline): a {@link Connection} reaches it only through {@code AccessGuard}, which
 *       checked client, scope and connection (401/403 before anything else);</li>
 *   <li>guard: the connection supports the capability and does not refuse it (501/403), before any token is spent
 *       or any vendor call recorded;</li>
 *   <li>cache (cacheable reads): a fresh hit answers here and spends nothing; concurrent misses coalesce;</li>
 *   <li>deadline: {@code timeout} bounds the whole request, retries and waits included (not for streaming
 *       calls);</li>
 *   <li>retry with backoff (idempotent calls, or writes guarded by an Idempotency-Key; never streaming ones);</li>
 *   <li>attempt span ({@link VendorAttemptTracing}), carrying the decisions below;</li>
 *   <li>circuit breaker, then bulkhead, per attempt: an open circuit spends no quota token and stops retries;</li>
 *   <li>quota: every attempt takes its own token, so a retry can never push the vendor over its limit; a vendor
 *       429 pauses the connection (quota configured or not) for its Retry-After, clamped, and the client is told
 *       the clamped delay;</li>
 *   <li>metrics of the real vendor call, then the provider.</li>
 * </ol>
 * Which stages a call passes is decided by the traits of its {@link Operation}: only cacheable reads given a
 * {@link CacheKey} meet the cache; streaming calls (raw passthrough) have no overall deadline (a large upload may
 * legitimately take long; the HTTP client's response timeout bounds the wait for the vendor's first byte) and no
 * retry (the body may already be on its way), and their outcome is the vendor's HTTP status as it went back to
 * the client. Quota waits, including a retry's wait for a vendor Retry-After, share one budget per request:
 * {@code quota.max-wait}.
 */
@Component
public class PolicyChain {
    private static final Duration SAFETY_NET = Duration.ofMillis(100);
    private final OutboundQuota quota;
    private final ConnectionCircuits circuits;
    private final UpstreamMetrics metrics;
    private final VendorAttemptTracing tracing;
    private final ReadCache cache;
    private final Clock clock;

    /** The stages, outermost first. Access runs before (see the class comment); the provider after the last. */
    private final List<Stage> order = List.of(
            new Stage("guard", this::guard),
            new Stage("cache", this::cache),
            new Stage("deadline", this::deadline),
            new Stage("retry", this::retry),
            new Stage("attempt span", this::attemptSpan),
            new Stage("circuit breaker", this::circuitBreaker),
            new Stage("bulkhead", this::bulkhead),
            new Stage("quota", this::quota),
            new Stage("metrics", this::metrics));

    public PolicyChain(
            OutboundQuota quota,
            ConnectionCircuits circuits,
            UpstreamMetrics metrics,
            VendorAttemptTracing tracing,
            ReadCache cache,
            Clock clock) {
        this.quota = quota;
        this.circuits = circuits;
        this.metrics = metrics;
        this.tracing = tracing;
        this.cache = cache;
        this.clock = clock;
    }

    /** One call of the provider, retried when {@code operation} is retryable. */
    public <T> Mono<T> call(Connection connection, Operation operation, Function<VideoProvider, Mono<T>> call) {
        return call(connection, operation, operation.retryable(), call);
    }

    /** As {@link #call(Connection, Operation, Function)}, with the retry decision made by the caller. */
    public <T> Mono<T> call(
            Connection connection, Operation operation, boolean mayRetry, Function<VideoProvider, Mono<T>> call) {
        return run(new VendorCall(
                connection, operation, mayRetry && !operation.streaming(), call, null, false, null, null));
    }

    /**
     * A cacheable read, answered from the connection's read cache or through {@code call}, whose answer is the
     * response body as the client gets it. {@code bypass} (the client sent {@code no-cache}) skips the lookup but
     * stores the fresh answer.
     */
    public Mono<ReadCache.Served> read(
            Connection connection,
            Operation operation,
            CacheKey key,
            boolean bypass,
            Function<VideoProvider, Mono<CachedResponse>> call) {
        if (!operation.cacheable()) {
            throw new IllegalArgumentException(operation + " is not a cacheable read");
        }
        return run(new VendorCall(connection, operation, operation.retryable(), call, key, bypass, null, null));
    }

    /**
     * Raw passthrough: {@code forward} sends the request and streams the vendor's answer to the client through
     * {@code exchange}. The vendor's status and failures (timeouts, resets) feed the circuit breaker; a client that
     * goes away or whose request is refused mid-way does not; a vendor 429 pauses the quota like any other.
     */
    public Mono<Void> passthrough(
            Connection connection, Operation operation, ServerWebExchange exchange, Supplier<Mono<Void>> forward) {
        if (!operation.streaming()) {
            throw new IllegalArgumentException(operation + " does not stream");
        }
        return run(new VendorCall(connection, operation, false, null, null, false, exchange, forward));
    }

    @SuppressWarnings("unchecked")
    private <T> Mono<T> run(VendorCall call) {
        return (Mono<T>) stage(0, call);
    }

    /** Stage {@code index} around everything inside it; inner stages are assembled only when a stage goes on. */
    private Mono<Object> stage(int index, VendorCall call) {
        if (index == order.size()) {
            return provider(call);
        }
        return order.get(index).around().apply(call, () -> stage(index + 1, call));
    }

    private Mono<Object> guard(VendorCall call, Supplier<Mono<Object>> inner) {
        if (call.fn != null && call.connection.provider() instanceof GuardedVideoProvider guard) {
            RuntimeException refused = guard.admit(call.fn);
            if (refused != null) {
                return Mono.error(refused);
            }
        }
        return inner.get();
    }

    private Mono<Object> cache(VendorCall call, Supplier<Mono<Object>> inner) {
        if (call.cacheKey == null) {
            return inner.get();
        }
        return cache.read(
                        call.connection,
                        call.cacheKey,
                        call.bypass,
                        Mono.defer(() -> inner.get().cast(CachedResponse.class)))
                .cast(Object.class);
    }

    private Mono<Object> deadline(VendorCall call, Supplier<Mono<Object>> inner) {
        if (call.operation.streaming()) {
            return Mono.defer(() -> {
                call.startWithoutDeadline();
                return inner.get();
            });
        }
        Duration timeout = call.connection.policy().timeout();
        // the attempts already stop at the deadline (and are recorded as failures there, see metrics); this outer
        // bound is a safety net a little later, so it never cancels an attempt before its own timeout is recorded
        return Mono.defer(() -> {
                    call.startDeadline(timeout);
                    return inner.get();
                })
                .timeout(timeout.plus(SAFETY_NET), LoopTimers.INSTANCE)
                .onErrorMap(TimeoutException.class, e -> new DeadlineExceededException(timeout));
    }

    private Mono<Object> retry(VendorCall call, Supplier<Mono<Object>> inner) {
        if (!call.mayRetry) {
            return inner.get();
        }
        // each subscription is a new attempt: the stages inside are assembled again for it
        return Mono.defer(inner)
                .transformDeferred(mono -> RetryOperator.<Object>of(
                                Backoff.withFullJitter(call.connection.policy().retry())
                                        .forRequest(
                                                call.connection.id() + "-" + call.operation.tag(),
                                                call.deadline,
                                                call.waitDeadline))
                        .apply(mono));
    }

    private Mono<Object> attemptSpan(VendorCall call, Supplier<Mono<Object>> inner) {
        CircuitBreaker breaker = circuits.breaker(call.connection);
        if (call.exchange != null) {
            HttpHeaders propagation = new HttpHeaders();
            call.exchange.getAttributes().put(VendorAttemptTracing.RAW_PROPAGATION, propagation);
            return tracing.rawAttempt(
                    call.connection, call.operation, () -> breaker.getState().name(), propagation, span -> {
                        call.span = span;
                        return inner.get();
                    });
        }
        return Mono.defer(() -> tracing.attempt(
                call.connection,
                call.operation,
                call.attempts.incrementAndGet(),
                () -> breaker.getState().name(),
                span -> {
                    call.span = span;
                    return inner.get();
                }));
    }

    private Mono<Object> circuitBreaker(VendorCall call, Supplier<Mono<Object>> inner) {
        CircuitBreaker breaker = circuits.breaker(call.connection);
        if (call.exchange == null) {
            return inner.get().transformDeferred(CircuitBreakerOperator.of(breaker));
        }
        return Mono.defer(() -> {
            if (!breaker.tryAcquirePermission()) {
                return Mono.error(CallNotPermittedException.createCallNotPermittedException(breaker));
            }
            long start = System.nanoTime();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            return inner.get().doOnError(failure::set).doFinally(signal -> {
                long took = System.nanoTime() - start;
                int code = status(call.exchange);
                Throwable error = failure.get();
                if (signal == SignalType.CANCEL || error != null && !ConnectionCircuits.vendorIsSick(error)) {
                    // the client went away, its own request was refused mid-way, or the bulkhead or quota turned
                    // the call away: says nothing of the vendor
                    breaker.releasePermission();
                } else if (error != null || code >= 500) {
                    breaker.onError(
                            took,
                            TimeUnit.NANOSECONDS,
                            ProviderException.unavailable("passthrough answered " + code, code, null));
                } else {
                    breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                }
            });
        });
    }

    private Mono<Object> bulkhead(VendorCall call, Supplier<Mono<Object>> inner) {
        Bulkhead bulkhead = circuits.bulkhead(call.connection);
        if (call.exchange == null) {
            return inner.get().transformDeferred(BulkheadOperator.of(bulkhead));
        }
        return Mono.defer(() -> {
            if (!bulkhead.tryAcquirePermission()) {
                return Mono.error(BulkheadFullException.createBulkheadFullException(bulkhead));
            }
            return inner.get().doFinally(signal -> bulkhead.onComplete());
        });
    }

    private Mono<Object> quota(VendorCall call, Supplier<Mono<Object>> inner) {
        Connection c = call.connection;
        Mono<Void> token = Mono.defer(() -> {
            long asked = System.nanoTime();
            return quota.acquire(c, remaining(call.waitDeadline))
                    .doOnSuccess(v -> call.span.quotaGranted(Duration.ofNanos(System.nanoTime() - asked)));
        });
        if (call.exchange == null) {
            return token.then(Mono.defer(inner))
                    .onErrorResume(
                            ProviderException.class,
                            e -> e.kind() == ProviderException.Kind.RATE_LIMITED
                                    ? quota.pause(c, e.retryAfter()).flatMap(told -> Mono.error(told(e, told)))
                                    : Mono.error(e));
        }
        ServerWebExchange exchange = call.exchange;
        return token.then(Mono.defer(() -> {
            AtomicBoolean paused = new AtomicBoolean();
            // a vendor 429 pauses the connection before the client learns of it (so its next call meets the pause),
            // and its Retry-After reaches the client clamped as the pause is (max-retry-after)
            exchange.getResponse().beforeCommit(() -> {
                if (status(exchange) != 429) {
                    return Mono.empty();
                }
                HttpHeaders headers = exchange.getResponse().getHeaders();
                Duration asked = RetryAfter.parse(headers, clock);
                paused.set(true);
                headers.set(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, quota.clamp(c, asked).toSeconds())));
                return quota.pause(c, asked).then();
            });
            return inner.get().doFinally(signal -> {
                // a 429 whose answer was never committed (the client went away first) pauses all the same
                if (!paused.get() && status(exchange) == 429) {
                    quota.pause(c, RetryAfter.parse(exchange.getResponse().getHeaders(), clock))
                            .subscribe();
                }
            });
        }));
    }

    private Mono<Object> metrics(VendorCall call, Supplier<Mono<Object>> inner) {
        if (call.exchange == null) {
            // the attempt's own share of the deadline sits inside the circuit breaker, so a vendor that hangs until
            // the deadline is recorded as failing; the outer timeout alone would only cancel the attempt, which a
            // circuit breaker records as nothing at all
            return Mono.defer(() -> metrics.record(call.connection, call.operation, Mono.defer(inner))
                    .timeout(remaining(call.deadline), LoopTimers.INSTANCE));
        }
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return inner.get()
                    .doFinally(signal -> metrics.recordRaw(
                            call.connection,
                            call.operation,
                            status(call.exchange),
                            signal == SignalType.ON_ERROR,
                            System.nanoTime() - start));
        });
    }

    /** The innermost step: the provider itself, or the raw request sent on. */
    @SuppressWarnings("unchecked")
    private static Mono<Object> provider(VendorCall call) {
        if (call.forward != null) {
            return call.forward.get().cast(Object.class);
        }
        return Mono.defer(() -> (Mono<Object>) call.fn.apply(call.connection.provider()));
    }

    private static int status(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status == null ? 0 : status.value();
    }

    /** The vendor's 429 with the Retry-After the gateway applies (clamped), which is what the client is told. */
    private static ProviderException told(ProviderException vendor429, Duration clamped) {
        return new ProviderException(
                ProviderException.Kind.RATE_LIMITED, vendor429.getMessage(), clamped, vendor429.vendorStatus(), null);
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** One stage of the pipeline: what it does around the stages inside it. */
    private record Stage(String name, Around around) {}

    @FunctionalInterface
    private interface Around {
        Mono<Object> apply(VendorCall call, Supplier<Mono<Object>> inner);
    }

    /** One call on its way through the pipeline: what it is, and the state its stages share. */
    private static final class VendorCall {
        final Connection connection;
        final Operation operation;
        final boolean mayRetry;
        final Function<VideoProvider, ? extends Mono<?>> fn;
        final CacheKey cacheKey;
        final boolean bypass;
        final ServerWebExchange exchange;
        final Supplier<Mono<Void>> forward;
        final AtomicInteger attempts = new AtomicInteger();
        volatile long deadline;
        volatile long waitDeadline;
        volatile VendorAttemptTracing.Attempt span;

        VendorCall(
                Connection connection,
                Operation operation,
                boolean mayRetry,
                Function<VideoProvider, ? extends Mono<?>> fn,
                CacheKey cacheKey,
                boolean bypass,
                ServerWebExchange exchange,
                Supplier<Mono<Void>> forward) {
            this.connection = connection;
            this.operation = operation;
            this.mayRetry = mayRetry;
            this.fn = fn;
            this.cacheKey = cacheKey;
            this.bypass = bypass;
            this.exchange = exchange;
            this.forward = forward;
        }

        /** The request's clock starts: one deadline, and one quota-wait budget that attempts and waits share. */
        void startDeadline(Duration timeout) {
            long start = System.nanoTime();
            deadline = start + timeout.toNanos();
            waitDeadline = start
                    + Math.min(
                            timeout.toNanos(),
                            connection.policy().quota().maxWait().toNanos());
        }

        /** A streaming call: no deadline, but quota waits are still bounded by {@code quota.max-wait}. */
        void startWithoutDeadline() {
            long start = System.nanoTime();
            waitDeadline = start + connection.policy().quota().maxWait().toNanos();
        }
    }
}
