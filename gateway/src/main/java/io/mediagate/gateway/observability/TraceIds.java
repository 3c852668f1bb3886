package io.mediagate.gateway.observability;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/** The W3C trace id of a request (its server span's), for problem bodies and logs; null when tracing is off. */
public final class TraceIds {
    private TraceIds() {}

    public static String of(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(TraceIds::of)
                .orElse(null);
    }

    static String of(Observation.Context context) {
        TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
        Span span = tracing == null ? null : tracing.getSpan();
        String id = span == null ? null : span.context().traceId();
        return id == null || id.isEmpty() || id.chars().allMatch(ch -> ch == '0') ? null : id;
    }
}
