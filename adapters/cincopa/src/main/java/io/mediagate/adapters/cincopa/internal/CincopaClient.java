package io.mediagate.adapters.cincopa.internal;

import io.mediagate.contracts.spi.http.VendorExchange;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Wire calls to Cincopa: {@code <base>/<group>.<method>.json} with every parameter, the token included, in the
 * query string (Cincopa reads the query for GET and POST alike). Nothing here logs the URL: it holds the token.
 */
public final class CincopaClient {
    private final WebClient web;
    private final String base;
    private final CincopaAuth auth;

    public CincopaClient(WebClient.Builder builder, URI baseUrl, CincopaAuth auth) {
        this.web = builder.clone().build();
        this.base = baseUrl.toString().replaceAll("/+$", "");
        this.auth = auth;
    }

    public Mono<VendorResponse> get(String method, Map<String, String> params) {
        return call(HttpMethod.GET, method, params);
    }

    public Mono<VendorResponse> post(String method, Map<String, String> params) {
        return call(HttpMethod.POST, method, params);
    }

    private Mono<VendorResponse> call(HttpMethod httpMethod, String method, Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null) {
                query.add(encode(k) + "=" + encode(v));
            }
        });
        query.add(CincopaAuth.PARAM + "=" + encode(auth.token()));
        URI uri = URI.create(base + "/" + method + "?" + query);
        return Mono.defer(
                () -> VendorExchange.send(web.method(httpMethod).uri(uri).header("Accept", "application/json")));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
