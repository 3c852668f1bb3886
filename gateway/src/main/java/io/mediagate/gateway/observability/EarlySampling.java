package io.mediagate.gateway.observability;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;

/**
 * Whether the trace of a video read or raw call is sampled, decided before any span exists: the tracer's own
 * sampler, asked with the caller's propagated context (or none) and the trace id the server span would get. A vendor
 * call under an unsampled trace then starts no server observation just to parent an attempt span that is never
 * recorded (that start and stop were ~10 % of an uncached read); the vendor still gets the trace, as the server
 * span's child would.
 */
public final class EarlySampling {
    private static final IdGenerator IDS = IdGenerator.random();
    private static final TextMapGetter<HttpHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpHeaders carrier) {
            return carrier.headerNames();
        }

        @Override
        public String get(HttpHeaders carrier, String key) {
            return carrier == null ? null : carrier.getFirst(key);
        }
    };

    private final Sampler sampler;
    private final TextMapPropagator propagator;
    private final List<String> fields;

    public EarlySampling(Sampler sampler, TextMapPropagator propagator) {
        this.sampler = sampler;
        this.propagator = propagator;
        this.fields = List.copyOf(propagator.fields());
    }

    /** The trace of a request with these headers, and whether its server span would be recorded. */
    public Trace decide(HttpHeaders request) {
        // most requests carry no trace context: nothing to extract
        Context parent =
                carriesContext(request) ? propagator.extract(Context.root(), request, HEADERS) : Context.root();
        SpanContext caller = Span.fromContext(parent).getSpanContext();
        String traceId = caller.isValid() ? caller.getTraceId() : IDS.generateTraceId();
        SamplingDecision decision = sampler.shouldSample(
                        parent, traceId, "", SpanKind.SERVER, Attributes.empty(), List.of())
                .getDecision();
        SpanContext server =
                SpanContext.create(traceId, IDS.generateSpanId(), TraceFlags.getDefault(), caller.getTraceState());
        return new Trace(parent, server, decision != SamplingDecision.DROP);
    }

    private boolean carriesContext(HttpHeaders request) {
        for (String field : fields) {
            if (request.containsHeader(field)) {
                return true;
            }
        }
        return false;
    }

    /** The propagation headers a vendor call under {@code trace}'s (unrecorded) server span carries. */
    public void inject(Trace trace, HttpHeaders carrier) {
        propagator.inject(trace.parent().with(Span.wrap(trace.server())), carrier, HttpHeaders::set);
    }

    /**
     * A request's trace: the caller's context, the ids its server span gets if one is started, and whether the
     * sampler records it (only then is a vendor attempt worth a server span now).
     */
    public record Trace(Context parent, SpanContext server, boolean recorded) {
        /** Starts the request's server span (through {@code start}) with this trace's ids. */
        public <T> T startWithIds(Supplier<T> start) {
            return PreparedIds.startWith(server.getTraceId(), server.getSpanId(), start);
        }
    }
}
