package io.mediagate.gateway.events;

import io.mediagate.gateway.api.Inputs;
import io.mediagate.gateway.api.JsonFields;
import io.mediagate.gateway.security.AccessGuard;
import io.mediagate.gateway.security.ApiClient;
import io.mediagate.gateway.security.OutboundUrlPolicy;
import io.mediagate.gateway.security.Scope;
import io.mediagate.gateway.web.ApiException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v1/subscriptions}: webhook subscriptions (scope {@code events:read}). A client sees, deletes and
 * replays only the subscriptions it created, for connections it may use; a client that also has {@code admin}
 * sees every subscription, those from configuration included (which only configuration can remove). The
 * signing secret is shown once, in the answer to the {@code POST}.
 */
@RestController
@RequestMapping("/v1/subscriptions")
public class SubscriptionsController {
    private static final Set<String> FIELDS = Set.of("url", "connections", "types");
    private final AccessGuard access;
    private final WebhookDeliveries webhooks;
    private final OutboundUrlPolicy targets;
    private final JsonMapper json;
    private final Clock clock;

    public SubscriptionsController(
            AccessGuard access,
            WebhookDeliveries webhooks,
            @Qualifier("webhookTargets") OutboundUrlPolicy targets,
            JsonMapper json,
            Clock clock) {
        this.access = access;
        this.webhooks = webhooks;
        this.targets = targets;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(consumes = "application/json")
    public Mono<ResponseEntity<Map<String, Object>>> create(
            @RequestBody(required = false) byte[] body, ServerWebExchange exchange) {
        ApiClient client = eventsClient(exchange);
        JsonNode request = Inputs.jsonObject(json, body);
        JsonFields.onlyKnown(request, FIELDS);
        String url = Inputs.fetchableUrl("url", JsonFields.string(request, "url", 2048, true));
        Set<String> connections = new LinkedHashSet<>();
        for (String id : strings(request, "connections")) {
            connections.add(access.connection(exchange, id, Scope.EVENTS_READ).id());
        }
        if (connections.isEmpty()) {
            // all the client may use, now and later
            connections.addAll(client.connections());
        }
        Set<String> types = new LinkedHashSet<>();
        for (String t : strings(request, "types")) {
            if (EventType.fromWire(t) == null) {
                throw ApiException.invalidField(
                        "types",
                        "unknown event type; known: video.created, "
                                + "video.updated, video.deleted, ingest.ready, ingest.failed");
            }
            types.add(t);
        }
        return targets.check("url", url).then(Mono.fromSupplier(() -> {
            Subscription s = new Subscription(
                    "sub_" + UUID.randomUUID().toString().replace("-", ""),
                    client.id(),
                    url,
                    WebhookSigner.newSecret(),
                    connections,
                    types,
                    clock.instant());
            webhooks.add(s);
            Map<String, Object> shown = view(s);
            shown.put("secret", s.secret);
            return ResponseEntity.status(HttpStatus.CREATED)
                    .location(URI.create("/v1/subscriptions/" + s.id))
                    .body(shown);
        }));
    }

    @GetMapping
    public Map<String, Object> list(ServerWebExchange exchange) {
        ApiClient client = eventsClient(exchange);
        List<Map<String, Object>> data = webhooks.all().stream()
                .filter(s -> visible(client, s))
                .sorted((a, b) -> a.createdAt.compareTo(b.createdAt))
                .map(SubscriptionsController::view)
                .toList();
        return Map.of("data", data);
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable String id, ServerWebExchange exchange) {
        return view(visibleOne(exchange, id));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id, ServerWebExchange exchange) {
        Subscription s = visibleOne(exchange, id);
        if (Subscription.CONFIG_OWNER.equals(s.owner)) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "subscription-configured",
                    "Conflict",
                    "subscription " + id + " is set in configuration; remove it there");
        }
        webhooks.remove(s.id);
        return ResponseEntity.noContent().build();
    }

    /** Delivers again the events whose retries ran out. */
    @PostMapping("/{id}/replay")
    public ResponseEntity<Map<String, Object>> replay(@PathVariable String id, ServerWebExchange exchange) {
        Subscription s = visibleOne(exchange, id);
        return ResponseEntity.accepted().body(Map.of("replayed", webhooks.replay(s)));
    }

    private ApiClient eventsClient(ServerWebExchange exchange) {
        ApiClient client = access.client(exchange);
        if (!client.has(Scope.EVENTS_READ)) {
            throw ApiException.forbidden("missing-scope", "this key lacks the scope " + Scope.EVENTS_READ.wire())
                    .with("scope", Scope.EVENTS_READ.wire());
        }
        return client;
    }

    private Subscription visibleOne(ServerWebExchange exchange, String id) {
        ApiClient client = eventsClient(exchange);
        if (id.length() > 100) {
            throw ApiException.invalidField("id", "not a subscription id");
        }
        return webhooks.find(id)
                .filter(s -> visible(client, s))
                .orElseThrow(() ->
                        ApiException.notFound("unknown-subscription", "no subscription " + id + " of this client"));
    }

    private static boolean visible(ApiClient client, Subscription s) {
        return s.owner.equals(client.id()) || client.has(Scope.ADMIN);
    }

    private static List<String> strings(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > 100) {
            throw ApiException.invalidField(field, field + " must be an array of at most 100 strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isString() || n.asString().isEmpty() || n.asString().length() > 100) {
                throw ApiException.invalidField(field, field + " must be an array of non-empty strings");
            }
            out.add(n.asString());
        }
        return out;
    }

    private static Map<String, Object> view(Subscription s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id);
        out.put("url", s.url);
        out.put("connections", s.connections.stream().sorted().toList());
        out.put("types", s.types.stream().sorted().toList());
        out.put("created_at", s.createdAt);
        out.put("from_config", Subscription.CONFIG_OWNER.equals(s.owner));
        out.put("deliveries", s.status());
        return out;
    }
}
