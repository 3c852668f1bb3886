package io.mediagate.gateway.observability;

import io.mediagate.gateway.policy.VendorAttemptTracing;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Locale;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Passthrough requests carry the gateway's trace context to the vendor: the client's own {@code traceparent} /
 * {@code tracestate} are replaced by those of the passthrough attempt span ({@link VendorAttemptTracing}), so the
 * vendor's spans hang under the gateway's, as on normalized calls (where {@link VendorTraceHeaders} does this).
 * Spring Cloud Gateway's own observation filter would do it too, but it is off: it double-counts metrics.
 */
@Component
public class TraceparentToVendor implements HttpHeadersFilter {
    private final Propagator propagator;

    public TraceparentToVendor(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders carrier = exchange.getAttribute(VendorAttemptTracing.RAW_PROPAGATION);
        if (carrier == null || carrier.isEmpty()) {
            return input;
        }
        HttpHeaders out = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!propagator.fields().contains(name.toLowerCase(Locale.ROOT))) {
                out.put(name, values);
            }
        });
        carrier.forEach(out::put);
        return out;
    }
}
