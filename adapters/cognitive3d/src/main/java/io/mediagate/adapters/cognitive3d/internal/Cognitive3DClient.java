package io.mediagate.adapters.cognitive3d.internal;

import io.mediagate.contracts.spi.http.VendorExchange;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.DefaultUriBuilderFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The Cognitive3D calls one connection makes, all scoped to its project: whoami and the project media library,
 * through the documented routes only, except the media update a connection opts in to. Every call carries the
 * organisation key; every non-2xx answer becomes a mapped exception.
 */
public final class Cognitive3DClient {
    /** The guessed update route as a refutation names it. */
    public static final String PUT_MEDIA_ROUTE = "PUT /projects/{projectId}/media/{mediaId}";

    private final WebClient web;
    private final Cognitive3DAuth auth;
    private final Cognitive3DErrorMapper errors;
    private final long projectId;
    private final URI mediaLibrary;

    public Cognitive3DClient(
            WebClient.Builder builder,
            Cognitive3DProperties properties,
            Cognitive3DAuth auth,
            Cognitive3DErrorMapper errors) {
        this.web = builder.clone().baseUrl(properties.baseUrl().toString()).build();
        this.auth = auth;
        this.errors = errors;
        this.projectId = properties.projectId();
        // the same for every read of the connection: built once, not per call (3 % of an uncached read)
        this.mediaLibrary = new DefaultUriBuilderFactory(properties.baseUrl().toString())
                .builder()
                .path("/projects/{projectId}/media")
                .queryParam("excludeArchived", "true")
                .build(projectId);
    }

    /** {@code GET /organizations/apiKeys/whoami}: {@code {"organizationId": …}}. */
    public Mono<JsonNode> whoami() {
        return json(web.get().uri("/organizations/apiKeys/whoami"));
    }

    /** {@code GET /projects/:projectId/media?excludeArchived=true}: a plain array, the whole library at once. */
    public Mono<JsonNode> listMedia() {
        return json(mediaLibrary());
    }

    /**
     * The live video with this id in the media library, found while streaming the list's answer: no single-item
     * route is documented, and only the item found is built as a tree.
     */
    public Mono<Optional<JsonNode>> liveVideo(long mediaId) {
        return send(mediaLibrary()).map(r -> errors.liveVideo(r, mediaId));
    }

    private WebClient.RequestHeadersSpec<?> mediaLibrary() {
        return web.get().uri(mediaLibrary);
    }

    /**
     * [G] {@code PUT /projects/:projectId/media/:mediaId} with the fields to change; the answer may be empty. No
     * vendor source documents it (EVIDENCE O4b): a 404 or 405 is a {@link io.mediagate.contracts.spi.
     * GuessRefutedException} naming the route and {@code options.update-route}.
     */
    public Mono<VendorResponse> updateMedia(long mediaId, Map<String, Object> fields) {
        WebClient.RequestHeadersSpec<?> put = web.put()
                .uri("/projects/{projectId}/media/{mediaId}", projectId, mediaId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(fields);
        return VendorExchange.send(authorized(put))
                .flatMap(r -> r.is2xx()
                        ? Mono.just(r)
                        : Mono.error(errors.toExceptionOnGuessedRoute(
                                r, PUT_MEDIA_ROUTE, Cognitive3DProperties.UPDATE_ROUTE_OPTION)));
    }

    /** {@code DELETE /projects/:projectId/media/:mediaId} (no body either way). */
    public Mono<Void> deleteMedia(long mediaId) {
        return send(web.delete().uri("/projects/{projectId}/media/{mediaId}", projectId, mediaId))
                .then();
    }

    /** Parses a 2xx body as JSON; HTML and malformed bodies are mapped there. */
    public JsonNode json(VendorResponse response) {
        return errors.json(response);
    }

    private Mono<JsonNode> json(WebClient.RequestHeadersSpec<?> request) {
        return send(request).map(errors::json);
    }

    private Mono<VendorResponse> send(WebClient.RequestHeadersSpec<?> request) {
        return VendorExchange.send(authorized(request))
                .flatMap(r -> r.is2xx() ? Mono.just(r) : Mono.error(errors.toException(r)));
    }

    private WebClient.RequestHeadersSpec<?> authorized(WebClient.RequestHeadersSpec<?> request) {
        return request.header(HttpHeaders.AUTHORIZATION, auth.headerValue()).accept(MediaType.APPLICATION_JSON);
    }
}
