package io.mediagate.adapters.parone.internal;

import io.mediagate.contracts.spi.http.VendorExchange;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** Wire calls to ParOne's v2 API: JSON in, JSON out, credentials in headers only. */
public final class ParOneClient {
    private final WebClient web;
    private final String base;

    public ParOneClient(WebClient.Builder builder, URI baseUrl) {
        this.web = builder.clone().build();
        this.base = baseUrl.toString().replaceAll("/+$", "");
    }

    public Mono<VendorResponse> send(
            HttpMethod method, String pathAndQuery, Map<String, String> headers, Object jsonBody) {
        return Mono.defer(() -> {
            WebClient.RequestBodySpec spec = web.method(method)
                    .uri(URI.create(base + pathAndQuery))
                    .accept(MediaType.APPLICATION_JSON)
                    .headers(h -> headers.forEach(h::set));
            return VendorExchange.send(
                    jsonBody == null
                            ? spec
                            : spec.contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(VendorJson.mapper().writeValueAsBytes(jsonBody)));
        });
    }
}
