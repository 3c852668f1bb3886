package io.mediagate.adapters.streamone.internal;

import io.mediagate.contracts.spi.http.VendorExchange;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Wire calls to StreamOne: {@code POST <base>/api/<command>/<action>?<signed parameters>} with the arguments as
 * a form body, sent as the exact bytes that were signed. The signed path is {@code /api/<command>/<action>}
 * alone, as the official SDKs sign it: a path in the base URL (a proxy's prefix) goes on the wire, not into the
 * signature.
 */
public final class StreamOneClient {
    private final WebClient web;
    private final String base;
    private final StreamOneAuth auth;

    public StreamOneClient(WebClient.Builder builder, URI baseUrl, StreamOneAuth auth) {
        this.web = builder.clone().build();
        this.base = baseUrl.toString().replaceAll("/+$", "");
        this.auth = auth;
    }

    /** Calls {@code command/action} with {@code arguments}; the request is signed at subscription time. */
    public Mono<VendorResponse> call(String action, Map<String, String> arguments) {
        return call(action, arguments, true);
    }

    /** As {@link #call(String, Map)}; with {@code utc} false dates come in the actor's own time zone. */
    public Mono<VendorResponse> call(String action, Map<String, String> arguments, boolean utc) {
        return Mono.defer(() -> {
            String path = "/api/" + action;
            String args = StreamOneSigner.encode(arguments);
            String query = auth.signedQuery(path, Map.of(), args, utc);
            return VendorExchange.send(web.post()
                    .uri(URI.create(base + path + "?" + query))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .bodyValue(args.getBytes(StandardCharsets.UTF_8)));
        });
    }
}
