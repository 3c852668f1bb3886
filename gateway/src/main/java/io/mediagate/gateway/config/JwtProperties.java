package io.mediagate.gateway.config;

import java.net.URI;
import java.util.List;

/**
 * Optional JWT bearer validation for internal services: tokens signed by {@code issuerUri} (discovered) or by a
 * key in {@code jwkSetUri}, accepted when {@code audience} (if set) is among their audiences. Scopes come from
 * the {@code scopeClaim} (space-separated string or array; only {@code videos:read}, {@code videos:write} and
 * {@code raw} count), connections from {@code connectionsClaim} (absent means {@code defaultConnections}).
 */
public record JwtProperties(URI issuerUri, URI jwkSetUri, String audience, String scopeClaim,
                            String connectionsClaim, List<String> defaultConnections) {
    public JwtProperties {
        scopeClaim = scopeClaim == null ? "scope" : scopeClaim;
        connectionsClaim = connectionsClaim == null ? "mediagate_connections" : connectionsClaim;
        defaultConnections = defaultConnections == null ? List.of() : List.copyOf(defaultConnections);
    }

    public boolean enabled() {
        return issuerUri != null || jwkSetUri != null;
    }
}
