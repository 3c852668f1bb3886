package io.mediagate.gateway.events;

import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.security.AccessGuard;
import io.mediagate.gateway.security.ApiClient;
import io.mediagate.gateway.security.Scope;
import io.mediagate.gateway.web.ApiException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/events}: change events as server-sent events (scope {@code events:read}), of the connections
 * named in {@code connections} (comma-separated) or of every connection the client may use. A reconnecting
 * client sends {@code Last-Event-ID} and gets the kept events after it first; a comment every 15 s keeps idle
 * proxies from closing the stream.
 */
@RestController
public class EventsController {
    private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,13}(-[0-9]{1,6})?|[0-9]{1,15}");
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private final AccessGuard access;
    private final ConnectionRegistry registry;
    private final EventLog log;
    private final JsonMapper json;

    public EventsController(AccessGuard access, ConnectionRegistry registry, EventLog log, JsonMapper json) {
        this.access = access;
        this.registry = registry;
        this.log = log;
        this.json = json;
    }

    @GetMapping(path = "/v1/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> stream(
            @RequestParam(required = false) String connections,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            ServerWebExchange exchange) {
        Set<String> wanted = connections(exchange, connections);
        long after = lastEventId(lastEventId);
        Flux<ServerSentEvent<String>> events = log.from(after)
                .filter(e -> wanted.contains(e.connection()))
                .map(e -> ServerSentEvent.builder(json.writeValueAsString(e))
                        .id(e.id())
                        .event(e.type())
                        .build());
        Flux<ServerSentEvent<String>> heartbeat = Flux.interval(HEARTBEAT)
                .map(t ->
                        ServerSentEvent.<String>builder().comment("keep-alive").build());
        return Flux.merge(events, heartbeat);
    }

    /** The connections asked for, each checked like any request naming it; by default all the client may use. */
    private Set<String> connections(ServerWebExchange exchange, String connections) {
        ApiClient client = access.client(exchange);
        if (connections == null || connections.isBlank()) {
            if (!client.has(Scope.EVENTS_READ)) {
                throw ApiException.forbidden("missing-scope", "this key lacks the scope " + Scope.EVENTS_READ.wire())
                        .with("scope", Scope.EVENTS_READ.wire());
            }
            Set<String> all = new LinkedHashSet<>();
            registry.all().forEach(c -> {
                if (client.mayUse(c.id())) {
                    all.add(c.id());
                }
            });
            return all;
        }
        String[] ids = connections.split(",", -1);
        if (ids.length > 100) {
            throw ApiException.invalidField("connections", "at most 100 connections");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            out.add(access.connection(exchange, id.trim(), Scope.EVENTS_READ).id());
        }
        return out;
    }

    private static long lastEventId(String header) {
        if (header == null || header.isEmpty()) {
            return 0;
        }
        if (!EVENT_ID.matcher(header).matches()) {
            throw ApiException.invalidField("Last-Event-ID", "Last-Event-ID must be an event id this gateway sent");
        }
        return ChangeEvent.position(header);
    }
}
