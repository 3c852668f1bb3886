package io.mediagate.gateway.security;

import java.util.Set;

/** An authenticated caller: its id, scopes and the connections it may use ({@code *} = all). */
public record ApiClient(String id, Set<Scope> scopes, Set<String> connections) {
    public boolean mayUse(String connection) {
        return connections.contains("*") || connections.contains(connection);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
