package io.mediagate.gateway.observability;

import io.mediagate.gateway.policy.VendorAttemptTracing;
import io.mediagate.gateway.policy.VendorAttemptTracing.VendorRequest;
import java.net.URI;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * On the adapters' WebClient: a normalized call carries its attempt's trace context to the vendor (the attempt span
 * of {@link VendorAttemptTracing} is the client span), and the attempt's span notes the method, host and status.
 * Headers the adapter set under the same names give way, so the vendor sees the gateway's span as its parent.
 */
public final class VendorTraceHeaders implements ExchangeFilterFunction {
    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.deferContextual(context -> {
            VendorRequest attempt = context.getOrDefault(VendorAttemptTracing.VENDOR_REQUEST, null);
            if (attempt == null) {
                return next.exchange(request);
            }
            URI url = request.url();
            attempt.sent(request.method().name(), url.getHost(), port(url));
            ClientRequest traced = attempt.propagation().isEmpty()
                    ? request
                    : ClientRequest.from(request)
                            .headers(h -> h.putAll(attempt.propagation()))
                            .build();
            return next.exchange(traced)
                    .doOnNext(response -> attempt.answered(response.statusCode().value()));
        });
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
