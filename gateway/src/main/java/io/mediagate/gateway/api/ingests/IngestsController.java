package io.mediagate.gateway.api.ingests;

import io.mediagate.contracts.Ingest;
import io.mediagate.contracts.IngestRequest;
import io.mediagate.gateway.api.Inputs;
import io.mediagate.gateway.api.JsonFields;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.events.ChangeEvents;
import io.mediagate.gateway.policy.Operation;
import io.mediagate.gateway.policy.PolicyChain;
import io.mediagate.gateway.policy.cache.CacheInvalidation;
import io.mediagate.gateway.policy.idempotency.IdempotencyStore;
import io.mediagate.gateway.security.AccessGuard;
import io.mediagate.gateway.security.ClientRegistry;
import io.mediagate.gateway.security.OutboundUrlPolicy;
import io.mediagate.gateway.security.Scope;
import io.mediagate.gateway.web.ApiException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /v1/connections/{c}/ingests}: ask the vendor to fetch a video from a URL, and follow the job. */
@RestController
@RequestMapping("/v1/connections/{connection}/ingests")
public class IngestsController {
    private static final Set<String> FIELDS = Set.of("source_url", "title", "description", "tags", "metadata");

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final AccessGuard access;
    private final PolicyChain policy;
    private final JsonMapper json;
    private final IdempotencyStore idempotency;
    private final CacheInvalidation cache;
    private final OutboundUrlPolicy sources;
    private final ChangeEvents events;

    public IngestsController(
            AccessGuard access,
            PolicyChain policy,
            JsonMapper json,
            IdempotencyStore idempotency,
            CacheInvalidation cache,
            @Qualifier("ingestSources") OutboundUrlPolicy sources,
            ChangeEvents events) {
        this.events = events;
        this.cache = cache;
        this.sources = sources;
        this.access = access;
        this.policy = policy;
        this.json = json;
        this.idempotency = idempotency;
    }

    /**
     * Starts an ingest. Without an {@code Idempotency-Key} the vendor call is never retried (a repeat could
     * create a second video); with one, it is retried like a read and a repeated request replays the first
     * outcome ({@code Idempotent-Replayed: true}) without calling the vendor again.
     */
    @PostMapping(consumes = "application/json")
    public Mono<ResponseEntity<byte[]>> create(
            @PathVariable String connection,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) byte[] body,
            ServerWebExchange exchange) {
        Connection c = access.connection(exchange, connection, Scope.VIDEOS_WRITE);
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ApiException.invalidField(
                    "Idempotency-Key",
                    "Idempotency-Key must be 1-128 characters of " + "letters, digits, '.', '_', ':' or '-'");
        }
        IngestRequest request = read(Inputs.jsonObject(json, body));
        Mono<IdempotencyStore.Outcome> start = policy.call(
                        c, Operation.INGEST_FROM_URL, idempotencyKey != null, p -> p.ingestFromUrl(request))
                .doOnNext(ingest -> cache.listsChanged(c.id()))
                .doOnNext(ingest -> events.ingestStarted(c, ingest))
                .map(ingest ->
                        new IdempotencyStore.Outcome(HttpStatus.ACCEPTED.value(), json.writeValueAsBytes(ingest)));
        // the source is checked before anything is recorded or sent: an internal target is the client's mistake
        Mono<Void> sourceAllowed = sources.check("source_url", request.sourceUrl());
        if (idempotencyKey == null) {
            return sourceAllowed.then(start.map(o -> answer(c, o, false)));
        }
        String scope = access.client(exchange).id() + ":" + c.id() + ":" + idempotencyKey;
        return sourceAllowed.then(Mono.defer(() -> idempotency
                .once(scope, ClientRegistry.sha256(new String(body, StandardCharsets.UTF_8)), () -> start)
                .map(r -> answer(c, r.outcome(), r.replayed()))));
    }

    private ResponseEntity<byte[]> answer(Connection c, IdempotencyStore.Outcome outcome, boolean replayed) {
        String id = json.readTree(outcome.body()).path("id").asString();
        ResponseEntity.BodyBuilder b = ResponseEntity.status(outcome.status())
                .contentType(MediaType.APPLICATION_JSON)
                .location(URI.create("/v1/connections/" + c.id() + "/ingests/" + id));
        if (replayed) {
            b.header("Idempotent-Replayed", "true");
        }
        return b.body(outcome.body());
    }

    @GetMapping("/{id}")
    public Mono<Ingest> status(@PathVariable String connection, @PathVariable String id, ServerWebExchange exchange) {
        Connection c = access.connection(exchange, connection, Scope.VIDEOS_READ);
        String ingestId = Inputs.id("id", id);
        return policy.call(c, Operation.INGEST_STATUS, p -> p.ingestStatus(ingestId));
    }

    static IngestRequest read(JsonNode body) {
        JsonFields.onlyKnown(body, FIELDS);
        String url = Inputs.fetchableUrl("source_url", JsonFields.string(body, "source_url", 2048, true));
        JsonNode tags = body.get("tags");
        JsonNode metadata = body.get("metadata");
        List<String> tagList = tags == null || tags.isNull() ? List.of() : JsonFields.tags(tags, "tags");
        Map<String, String> meta =
                metadata == null || metadata.isNull() ? Map.of() : JsonFields.metadata(metadata, "metadata", false);
        return new IngestRequest(
                url,
                JsonFields.string(body, "title", 500, false),
                JsonFields.string(body, "description", 5000, false),
                tagList,
                meta);
    }
}
