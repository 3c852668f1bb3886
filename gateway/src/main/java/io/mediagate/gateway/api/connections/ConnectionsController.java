package io.mediagate.gateway.api.connections;

import io.mediagate.contracts.spi.Capabilities;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.security.AccessGuard;
import io.mediagate.gateway.security.ApiClient;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code GET /v1/connections}: the connections this client may use, with capabilities and health. */
@RestController
public class ConnectionsController {
    private final ConnectionRegistry registry;
    private final ConnectionHealth health;
    private final AccessGuard access;

    public ConnectionsController(ConnectionRegistry registry, ConnectionHealth health, AccessGuard access) {
        this.registry = registry;
        this.health = health;
        this.access = access;
    }

    /**
     * One connection as listed; {@code refused} is absent unless this connection refuses something, and
     * {@code unverified} is absent unless some usable capability rests on a guessed vendor call.
     */
    public record ConnectionView(
            String id,
            String vendor,
            List<String> capabilities,
            List<String> refused,
            List<String> unverified,
            ConnectionHealth.Status health) {}

    /** The listing envelope. */
    public record ConnectionList(List<ConnectionView> data) {}

    @GetMapping("/v1/connections")
    public Mono<ConnectionList> list(ServerWebExchange exchange) {
        ApiClient client = access.client(exchange);
        return Flux.fromIterable(registry.all())
                .filter(c -> client.mayUse(c.id()))
                .flatMapSequential(c -> health.of(c).map(h -> view(c, h)))
                .collectList()
                .map(ConnectionList::new);
    }

    private static ConnectionView view(Connection c, ConnectionHealth.Status health) {
        Capabilities caps = c.provider().capabilities();
        List<String> usable = caps.supported().stream()
                .filter(cap -> !caps.refused().contains(cap))
                .sorted()
                .map(Capability::wireName)
                .toList();
        List<String> refused =
                caps.refused().stream().sorted().map(Capability::wireName).toList();
        List<String> unverified = caps.unverified().stream()
                .filter(cap -> !caps.refused().contains(cap))
                .sorted()
                .map(Capability::wireName)
                .toList();
        return new ConnectionView(
                c.id(),
                c.vendor(),
                usable,
                refused.isEmpty() ? null : refused,
                unverified.isEmpty() ? null : unverified,
                health);
    }
}
