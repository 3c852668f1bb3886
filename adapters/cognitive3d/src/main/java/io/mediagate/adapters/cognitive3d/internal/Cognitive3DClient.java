package io.mediagate.adapters.cognitive3d.internal;

import io.mediagate.contracts.spi.http.VendorExchange;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The Cognitive3D calls one connection makes, all scoped to its project: whoami and the project media library.
 * Every call carries the organisation key; every non-2xx answer becomes a mapped exception.
 */
public final class Cognitive3DClient {
    private final WebClient web;
    private final Cognitive3DAuth auth;
    private final Cognitive3DErrorMapper errors;
    private final long projectId;

    public Cognitive3DClient(WebClient.Builder builder, Cognitive3DProperties properties, Cognitive3DAuth auth,
                             Cognitive3DErrorMapper errors) {
        this.web = builder.clone().baseUrl(properties.baseUrl().toString()).build();
        this.auth = auth;
        this.errors = errors;
        this.projectId = properties.projectId();
    }

    /** {@code GET /organizations/apiKeys/whoami}: {@code {"organizationId": …}}. */
    public Mono<JsonNode> whoami() {
        return json(web.get().uri("/organizations/apiKeys/whoami"));
    }

    /** {@code GET /projects/:projectId/media?excludeArchived=true}: a plain array, the whole library at once. */
    public Mono<JsonNode> listMedia() {
        return json(web.get().uri(b -> b.path("/projects/{projectId}/media").queryParam("excludeArchived", "true")
                .build(projectId)));
    }

    /** [G] {@code GET /projects/:projectId/media/:mediaId}: one media object. */
    public Mono<JsonNode> getMedia(long mediaId) {
        return json(web.get().uri("/projects/{projectId}/media/{mediaId}", projectId, mediaId));
    }

    /** [G] {@code PUT /projects/:projectId/media/:mediaId} with the fields to change; the answer may be empty. */
    public Mono<VendorResponse> updateMedia(long mediaId, Map<String, Object> fields) {
        return send(web.put().uri("/projects/{projectId}/media/{mediaId}", projectId, mediaId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(fields));
    }

    /** {@code DELETE /projects/:projectId/media/:mediaId} (no body either way). */
    public Mono<Void> deleteMedia(long mediaId) {
        return send(web.delete().uri("/projects/{projectId}/media/{mediaId}", projectId, mediaId)).then();
    }

    /** Parses a 2xx body as JSON; HTML and malformed bodies are mapped there. */
    public JsonNode json(VendorResponse response) {
        return errors.json(response);
    }

    private Mono<JsonNode> json(WebClient.RequestHeadersSpec<?> request) {
        return send(request).map(errors::json);
    }

    private Mono<VendorResponse> send(WebClient.RequestHeadersSpec<?> request) {
        return VendorExchange.send(request.header(HttpHeaders.AUTHORIZATION, auth.headerValue())
                        .accept(MediaType.APPLICATION_JSON))
                .flatMap(r -> r.is2xx() ? Mono.just(r) : Mono.error(errors.toException(r)));
    }
}
