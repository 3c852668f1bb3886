package io.mediagate.gateway.observability;

import io.mediagate.gateway.api.videos.VideoReads;
import io.mediagate.gateway.passthrough.RawPath;
import io.mediagate.gateway.web.NamedWebFilter;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationConvention;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The server observation of a video read ({@link VideoReads}) or a raw passthrough call, started only when something
 * needs it: a caller's sampled {@code traceparent}, a vendor attempt whose trace the sampler records (a cache miss,
 * any raw call), or a failure whose problem and log line name the trace. Until then the request is timed on its own
 * into the {@code http.server.requests} timer, with the tags Spring's observation gives it, so a cache hit costs no
 * observation: Spring's observation of every request was a third of a hit's cost (bench/ results, 2026-12-01).
 * Every other request keeps Spring's observation unchanged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // right after the request id, before anything that can refuse the request
public class LazyServerObservation extends NamedWebFilter {
    /** Observation name of a started read span; its meters are denied: the read's own timer counts the request. */
    public static final String NAME = "mediagate.server.read";

    private static final String ATTRIBUTE = LazyServerObservation.class.getName();
    private static final String PENDING = "mediagate.pendingServerObservation";
    private static final String SKIPPED = "mediagate.springSkipped";

    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final ServerRequestObservationConvention convention;
    private final ServerRequestObservationConvention started;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    // null when tracing is off: a miss then starts its observation as before
    private final EarlySampling sampling;

    public LazyServerObservation(
            ObservationRegistry observations,
            MeterRegistry meters,
            ObjectProvider<ServerRequestObservationConvention> convention,
            ObjectProvider<Sampler> sampler,
            ObjectProvider<ContextPropagators> propagators) {
        this.observations = observations;
        this.meters = meters;
        this.convention = convention.getIfAvailable(DefaultServerRequestObservationConvention::new);
        this.started = new StartedConvention(this.convention);
        Sampler s = sampler.getIfAvailable();
        ContextPropagators p = propagators.getIfAvailable();
        this.sampling = s == null || p == null ? null : new EarlySampling(s, p.getTextMapPropagator());
    }

    /**
     * Spring's own server observation is skipped for the video reads and raw passthrough calls, and each skipped one
     * is marked for this filter: the one decision of which requests it times, so none is counted twice or not at all.
     */
    public static ObservationPredicate springSkipsLazyRequests() {
        return (name, context) -> {
            if (!(context instanceof ServerRequestObservationContext server) || NAME.equals(name)) {
                return true;
            }
            ServerHttpRequest request = server.getCarrier();
            boolean raw = RawPath.isRaw(request.getPath().value());
            if (!raw && !VideoReads.isRead(request)) {
                return true;
            }
            if (raw) {
                // no handler mapping names the raw route's pattern: without this, raw calls were uri="UNKNOWN"
                server.setPathPattern(RawPath.ROUTE);
            }
            server.put(SKIPPED, Boolean.TRUE);
            return false;
        };
    }

    /**
     * The request's server observation: started now if it was pending, else the one in the Reactor context (Spring's,
     * for every request that is not a read); null when there is none.
     */
    public static Observation of(ServerWebExchange exchange, ContextView context) {
        Pending pending = exchange.getAttribute(ATTRIBUTE);
        return pending != null ? pending.start() : context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
    }

    /**
     * The parent of a vendor attempt span: the pending read observation, started now if its trace is recorded, or
     * the one in context. Null for a read whose trace is not recorded ({@link #propagateUnrecorded}) and for
     * background work.
     */
    public static Observation parentIn(ContextView context) {
        Pending pending = context.getOrDefault(PENDING, null);
        return pending != null ? pending.forAttempt() : context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
    }

    /**
     * For a read whose trace the sampler does not record, and which therefore has no server span: puts the trace's
     * propagation headers into {@code carrier}, as a vendor call under that span would carry them. False for any
     * other request.
     */
    public static boolean propagateUnrecorded(ContextView context, HttpHeaders carrier) {
        Pending pending = context.getOrDefault(PENDING, null);
        return pending != null && pending.propagateUnrecorded(carrier);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerRequestObservationContext context = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .orElse(null);
        if (context == null || !context.containsKey(SKIPPED)) {
            return chain.filter(exchange);
        }
        Pending pending = new Pending(context, System.nanoTime());
        exchange.getAttributes().put(ATTRIBUTE, pending);
        if (sampledTraceparent(exchange.getRequest().getHeaders().getFirst("traceparent"))) {
            pending.start();
        }
        return chain.filter(exchange)
                .doOnSuccess(done -> pending.completed())
                .doOnError(pending::failed)
                .doOnCancel(pending::cancelled)
                .contextWrite(c -> c.put(PENDING, pending));
    }

    /** W3C {@code traceparent} {@code 00-<trace id>-<parent id>-<flags>} whose flags carry "sampled". */
    static boolean sampledTraceparent(String header) {
        if (header == null || header.length() < 55 || header.charAt(52) != '-') {
            return false;
        }
        int flags = Character.digit(header.charAt(54), 16);
        return flags >= 0 && (flags & 1) == 1;
    }

    private Timer timer(ServerRequestObservationContext context) {
        ServerHttpResponse response = context.getResponse();
        HttpStatusCode status = response == null ? null : response.getStatusCode();
        Throwable error = context.getError();
        TimerKey key = new TimerKey(
                context.getCarrier().getMethod().name(),
                context.isConnectionAborted() || status == null ? -1 : status.value(),
                context.getPathPattern(),
                error == null ? null : error.getClass().getSimpleName());
        Timer timer = timers.get(key);
        if (timer == null) {
            // the tags Spring's observation would record, from its own convention, plus the meter handler's "error"
            List<Tag> tags = new ArrayList<>();
            convention.getLowCardinalityKeyValues(context).forEach(kv -> tags.add(Tag.of(kv.getKey(), kv.getValue())));
            tags.add(Tag.of("error", key.exception() == null ? "none" : key.exception()));
            timer = timers.computeIfAbsent(
                    key,
                    k -> Timer.builder(convention.getName()).tags(Tags.of(tags)).register(meters));
        }
        return timer;
    }

    /** What decides a read's timer tags: the request's method, status, route and exception. */
    private record TimerKey(String method, int status, String pattern, String exception) {}

    /** One read's timing, and its server observation once something needed it. */
    private final class Pending {
        private final ServerRequestObservationContext context;
        private final long startNanos;
        private Observation observation;
        // decided when a vendor attempt asks for a parent: the ids and sampling of the span not yet started
        private EarlySampling.Trace trace;
        private boolean finished;

        Pending(ServerRequestObservationContext context, long startNanos) {
            this.context = context;
            this.startNanos = startNanos;
        }

        synchronized Observation start() {
            if (observation == null) {
                Observation created = Observation.createNotStarted(started, convention, () -> context, observations);
                // a trace decided earlier keeps its ids: the vendor may already have been told about it
                observation = trace == null ? created.start() : trace.startWithIds(created::start);
            }
            return observation;
        }

        /** The server observation, started now, when the sampler records the trace; null when it does not. */
        synchronized Observation forAttempt() {
            if (observation == null && sampling != null) {
                if (trace == null) {
                    trace = sampling.decide(context.getCarrier().getHeaders());
                }
                if (!trace.recorded()) {
                    return null;
                }
            }
            return start();
        }

        synchronized boolean propagateUnrecorded(HttpHeaders carrier) {
            if (observation != null || trace == null || trace.recorded()) {
                return false;
            }
            sampling.inject(trace, carrier);
            return true;
        }

        void completed() {
            ServerHttpResponse response = context.getResponse();
            if (response == null || response.isCommitted()) {
                finish();
            } else {
                response.beforeCommit(() -> Mono.fromRunnable(this::finish));
            }
        }

        void failed(Throwable error) {
            context.setError(error);
            // the problem that follows names the trace, and its log line runs in the observation's scope
            start();
            completed();
        }

        void cancelled() {
            context.setConnectionAborted(true);
            finish();
        }

        private void finish() {
            Observation obs;
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
                obs = observation;
            }
            long nanos = System.nanoTime() - startNanos;
            Timer timer = timer(context);
            if (obs == null) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
                return;
            }
            // recorded in the span's scope, so the sample can carry the trace as its exemplar
            try (Observation.Scope scope = obs.openScope()) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
            if (context.getError() != null) {
                obs.error(context.getError());
            }
            obs.stop();
        }
    }

    /** Spring's convention under another observation name, whose meters are denied; the span is the same. */
    private static final class StartedConvention implements ServerRequestObservationConvention {
        private final ServerRequestObservationConvention delegate;

        StartedConvention(ServerRequestObservationConvention delegate) {
            this.delegate = Objects.requireNonNull(delegate);
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public String getContextualName(ServerRequestObservationContext context) {
            return delegate.getContextualName(context);
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
            return delegate.getLowCardinalityKeyValues(context);
        }

        @Override
        public KeyValues getHighCardinalityKeyValues(ServerRequestObservationContext context) {
            return delegate.getHighCardinalityKeyValues(context);
        }
    }
}
