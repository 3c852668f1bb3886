package io.mediagate.gateway.security;

import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.web.ApiException;
import io.mediagate.gateway.web.RequestContext;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves the connection a request names and checks the client may use it with the needed scope:
 * malformed id → 400, unknown → 404, not this client's or missing scope → 403. Nothing reaches a vendor first.
 */
@Component
public class AccessGuard {
    private static final Pattern CONNECTION_ID = Pattern.compile(ConnectionRegistry.ID_REGEX);
    private final ConnectionRegistry registry;

    public AccessGuard(ConnectionRegistry registry) {
        this.registry = registry;
    }

    public ApiClient client(ServerWebExchange exchange) {
        ApiClient client = exchange.getAttribute(RequestContext.CLIENT);
        if (client == null) {
            throw ApiException.unauthorized("send Authorization: Bearer <key>");
        }
        return client;
    }

    public Connection connection(ServerWebExchange exchange, String connectionId, Scope scope) {
        ApiClient client = client(exchange);
        // every configured id has the valid form (checked at start-up), so the form only decides how a miss fails
        Connection connection = registry.find(connectionId).orElseThrow(() -> unknown(connectionId));
        if (!client.mayUse(connectionId)) {
            throw ApiException.forbidden("connection-not-allowed", "this key may not use connection " + connectionId)
                    .with("connection", connectionId);
        }
        if (!client.has(scope)) {
            throw ApiException.forbidden("missing-scope", "this key lacks the scope " + scope.wire())
                    .with("scope", scope.wire());
        }
        exchange.getAttributes().put(RequestContext.CONNECTION, connection.id());
        exchange.getAttributes().put(RequestContext.VENDOR, connection.vendor());
        return connection;
    }

    private static ApiException unknown(String connectionId) {
        if (!CONNECTION_ID.matcher(connectionId).matches()) {
            return ApiException.invalidField("connection", "not a valid connection id");
        }
        return ApiException.notFound("unknown-connection", "no connection named " + connectionId);
    }
}
