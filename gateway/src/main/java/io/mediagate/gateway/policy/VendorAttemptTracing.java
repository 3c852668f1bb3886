package io.mediagate.gateway.policy;

import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.observability.LazyServerObservation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.RequestReplySenderContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * One span per vendor attempt (retries are separate attempts), child of the request's server span, carrying the
 * policy decisions made for that attempt: which attempt it is, the circuit state it met, how long it waited for a
 * quota token, and whether the circuit, the bulkhead or the quota refused it. The attempt is itself the HTTP client
 * span, on normalized calls and passthrough alike: its {@code traceparent} is what the vendor gets
 * ({@code observability.VendorTraceHeaders} on the adapters' WebClient, {@code passthrough.RawForwarder}
 * on raw calls). The WebClient has no observation of its own: its span carried the full vendor URL, and with it
 * credentials that vendors take in the query (Cincopa's {@code api_token}). Under a request whose span is not
 * sampled there is no attempt span (it would never be recorded); the vendor call then continues the trace under
 * the request's span. A video read or raw call whose trace is not sampled has no span at all (its sampling is
 * decided before one would start, {@code observability.EarlySampling}); the vendor gets the trace all the same.
 * <p>
 * Observations would also make timers; {@code observability.ObservabilityConfiguration} claims these for a no-op
 * meter handler ({@code mediagate_upstream_*} already measures every vendor call), so this costs spans only.
 */
@Component
public class VendorAttemptTracing {
    /** Observation name; its meters are denied, its spans are named {@code vendor <operation>}. */
    public static final String NAME = "mediagate.vendor.attempt";
    /** Exchange attribute: the propagation headers of the current passthrough attempt. */
    public static final String RAW_PROPAGATION = "mediagate.rawPropagation";
    /** Reactor context key: the {@link VendorRequest} of the current normalized attempt. */
    public static final String VENDOR_REQUEST = "mediagate.vendorRequest";

    private final ObservationRegistry registry;
    // null when tracing is off; looked up once, not on every raw call
    private final Propagator propagator;

    public VendorAttemptTracing(ObservationRegistry registry, ObjectProvider<Propagator> propagator) {
        this.registry = registry;
        this.propagator = propagator.getIfAvailable();
    }

    /**
     * Runs {@code attempt} inside a new attempt span; {@code circuitState} is read when the attempt starts,
     * {@code attemptNo} counts from 1 (an attempt past the first carries a {@code retry} event).
     */
    public <T> Mono<T> attempt(
            Connection c,
            Operation op,
            int attemptNo,
            Supplier<String> circuitState,
            Function<Attempt, Mono<T>> attempt) {
        return traced(c, op, attemptNo, circuitState, null, attempt);
    }

    /**
     * As {@link #attempt}, for a passthrough call: the attempt span is a client span whose propagation headers
     * are left in {@code carrier} for the vendor request.
     */
    public <T> Mono<T> rawAttempt(
            Connection c,
            Operation op,
            Supplier<String> circuitState,
            HttpHeaders carrier,
            Function<Attempt, Mono<T>> attempt) {
        return traced(c, op, 1, circuitState, carrier, attempt);
    }

    /**
     * One attempt, a client span under the request's. Its trace headers go to {@code rawCarrier} (the raw
     * forwarder reads them from the exchange) or, when that is null, to a fresh carrier that a normalized call's WebClient
     * reads from the Reactor context ({@link VendorRequest}).
     */
    private <T> Mono<T> traced(
            Connection c,
            Operation op,
            int attemptNo,
            Supplier<String> circuitState,
            HttpHeaders rawCarrier,
            Function<Attempt, Mono<T>> attempt) {
        return Mono.deferContextual(ctx -> {
            HttpHeaders carrier = rawCarrier != null ? rawCarrier : new HttpHeaders();
            Observation parent = LazyServerObservation.parentIn(ctx);
            if (parent == null && LazyServerObservation.propagateUnrecorded(ctx, carrier)) {
                // a read or raw call whose trace is not recorded has no span to be under; the vendor still gets it
                return underParent(null, attempt.apply(Attempt.UNRECORDED), forWebClient(rawCarrier, carrier, null));
            }
            Span request = spanOf(parent);
            if (unsampled(request)) {
                inject(request, carrier);
                return underParent(parent, attempt.apply(Attempt.UNRECORDED), forWebClient(rawCarrier, carrier, null));
            }
            Observation obs = describe(
                            Observation.createNotStarted(NAME, () -> sender(c, carrier), registry),
                            c,
                            op,
                            attemptNo,
                            circuitState)
                    .parentObservation(parent)
                    .start();
            if (attemptNo > 1) {
                obs.event(Observation.Event.of("mediagate.retry", "retry: attempt " + attemptNo));
            }
            return run(obs, attempt.apply(new Attempt(obs)), forWebClient(rawCarrier, carrier, obs));
        });
    }

    /** What a normalized attempt puts in the Reactor context for its WebClient; nothing for a raw one. */
    private static VendorRequest forWebClient(HttpHeaders rawCarrier, HttpHeaders carrier, Observation obs) {
        return rawCarrier != null ? null : new VendorRequest(carrier, obs);
    }

    /** A client span's context: the tracing handler writes the span's {@code traceparent} into {@code carrier}. */
    private static RequestReplySenderContext<HttpHeaders, Object> sender(Connection c, HttpHeaders carrier) {
        RequestReplySenderContext<HttpHeaders, Object> sender =
                new RequestReplySenderContext<>((h, k, v) -> h.set(k, v));
        sender.setCarrier(carrier);
        sender.setRemoteServiceName(c.vendor());
        return sender;
    }

    /** No attempt span: the vendor still continues the trace, under the request's (unsampled) span. */
    private void inject(Span request, HttpHeaders carrier) {
        if (propagator != null) {
            propagator.inject(request.context(), carrier, HttpHeaders::set);
        }
    }

    private static Observation describe(
            Observation obs, Connection c, Operation op, int attemptNo, Supplier<String> circuitState) {
        return obs.contextualName("vendor " + op.tag())
                .lowCardinalityKeyValue("mediagate.connection", c.id())
                .lowCardinalityKeyValue("mediagate.vendor", c.vendor())
                .lowCardinalityKeyValue("mediagate.operation", op.tag())
                .highCardinalityKeyValue("mediagate.attempt", Integer.toString(attemptNo))
                .highCardinalityKeyValue(
                        "mediagate.circuit.state", circuitState.get().toLowerCase());
    }

    /**
     * The request's span exists and is not sampled: an attempt span would never be recorded, and creating one was
     * ~4 % of a passthrough call. Without any request span (background work) the attempt still starts a trace.
     */
    private static boolean unsampled(Span request) {
        return request != null && !Boolean.TRUE.equals(request.context().sampled());
    }

    private static Span spanOf(Observation parent) {
        if (parent == null || parent.isNoop()) {
            return null;
        }
        TracingObservationHandler.TracingContext tracing =
                parent.getContextView().get(TracingObservationHandler.TracingContext.class);
        return tracing == null ? null : tracing.getSpan();
    }

    /**
     * The body under the request's span, so its log lines (and the vendor) continue the request's trace; with no
     * span ({@code parent} null) only the vendor request goes into the context.
     */
    private static <T> Mono<T> underParent(Observation parent, Mono<T> body, VendorRequest request) {
        return body.contextWrite(
                c -> withRequest(parent == null ? c : c.put(ObservationThreadLocalAccessor.KEY, parent), request));
    }

    private static <T> Mono<T> run(Observation obs, Mono<T> body, VendorRequest request) {
        return body.doOnError(e -> {
                    obs.highCardinalityKeyValue("mediagate.refused_by", Refusal.of(e));
                    obs.error(e);
                })
                .doFinally(signal -> obs.stop())
                .contextWrite(c -> withRequest(c.put(ObservationThreadLocalAccessor.KEY, obs), request));
    }

    private static Context withRequest(Context context, VendorRequest request) {
        return request == null ? context : context.put(VENDOR_REQUEST, request);
    }

    /**
     * What the HTTP client of a normalized attempt needs from it: the trace headers for the vendor, and the span
     * (null when unrecorded) on which the request's method, host and status are noted. The URL is not: it can hold
     * the vendor's credentials.
     */
    public static final class VendorRequest {
        private final HttpHeaders propagation;
        private final Observation obs;

        VendorRequest(HttpHeaders propagation, Observation obs) {
            this.propagation = propagation;
            this.obs = obs;
        }

        /** {@code traceparent} (and {@code tracestate}) for the vendor; empty when tracing is off. */
        public HttpHeaders propagation() {
            return propagation;
        }

        /** The request went out to {@code host}:{@code port} with {@code method}. */
        public void sent(String method, String host, int port) {
            if (obs != null) {
                obs.highCardinalityKeyValue("http.request.method", method)
                        .highCardinalityKeyValue("server.address", host)
                        .highCardinalityKeyValue("server.port", Integer.toString(port));
            }
        }

        /** The vendor answered with {@code status}. */
        public void answered(int status) {
            if (obs != null) {
                obs.highCardinalityKeyValue("http.response.status_code", Integer.toString(status));
            }
        }
    }

    /** The decisions made inside one attempt, recorded on its span. */
    public static final class Attempt {
        /** An attempt under an unsampled request: nothing to record. */
        static final Attempt UNRECORDED = new Attempt(null);

        private final Observation obs;

        Attempt(Observation obs) {
            this.obs = obs;
        }

        /** The quota granted a token after {@code waited}; a wait is an event, so it shows on the timeline. */
        public void quotaGranted(Duration waited) {
            if (obs == null) {
                return;
            }
            long ms = waited.toMillis();
            obs.highCardinalityKeyValue("mediagate.quota.wait_ms", Long.toString(ms));
            if (ms > 0) {
                obs.event(Observation.Event.of("mediagate.quota.wait", "quota: waited " + ms + " ms for a token"));
            }
        }
    }
}
