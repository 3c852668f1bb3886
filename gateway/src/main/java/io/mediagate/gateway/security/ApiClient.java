package io.mediagate.gateway.security;

import io.mediagate.gateway.config.RateLimitProperties;
import java.util.Set;

/** An authenticated caller: its id, scopes, the connections it may use ({@code *} = all) and its rate limit. */
public record ApiClient(String id, Set<Scope> scopes, Set<String> connections, RateLimitProperties rateLimit) {
    public boolean mayUse(String connection) {
        return connections.contains("*") || connections.contains(connection);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
