package io.mediagate.gateway.events;

import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/{connection}/{token}}: a vendor's webhook delivery, taken only as a sign that something
 * changed. It nudges the connection's poller, whose round finds what changed and emits the events; the delivery's
 * body is never read, so a forged call can cost at most a round inside the poller's share. Outside {@code /v1}: the
 * vendor has no API key, the token in the URL is the secret. A wrong token and an unknown connection get the same
 * 404 (a 4xx is never logged, so neither is the token in its path).
 */
@RestController
class VendorHookController {
    static final String PREFIX = "/hooks/";
    static final String ROUTE = PREFIX + "{connection}/{token}";

    private final VendorHooksProperties hooks;
    private final CataloguePoller poller;

    VendorHookController(
            VendorHooksProperties hooks, CataloguePoller poller, EventsProperties events, ConnectionRegistry registry) {
        this.hooks = hooks;
        this.poller = poller;
        hooks.tokens().keySet().forEach(c -> {
            String key = "mediagate.events.vendor-hooks.tokens." + c;
            if (registry.find(c).isEmpty()) {
                throw new IllegalStateException(key + " names no configured connection");
            }
            if (!events.poll().polls(c)) {
                throw new IllegalStateException(key + ": the connection is not polled (mediagate.events.poll)");
            }
        });
    }

    @PostMapping(ROUTE)
    ResponseEntity<Void> delivered(@PathVariable String connection, @PathVariable String token) {
        String expected = hooks.tokens().get(connection);
        if (expected == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.notFound("hook-not-found", "no such hook");
        }
        poller.nudge(connection);
        return ResponseEntity.accepted().build();
    }
}
