package io.mediagate.gateway.config;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Optional JWT bearer validation for internal services: tokens signed by {@code issuerUri} (discovered) or by a
 * key in {@code jwkSetUri}, accepted when {@code audience} (if set) is among their audiences. Scopes come from
 * the {@code scopeClaim} (space-separated string or array; only {@code videos:read}, {@code videos:write} and
 * {@code raw} count), connections from {@code connectionsClaim} (absent means {@code defaultConnections}).
 * The {@code iss} claim must equal {@code issuer} (default: {@code issuerUri}); with only {@code jwkSetUri} an
 * {@code issuer} is required, since any token the key set signs would otherwise do. A token's {@code *}
 * connection counts only with {@code allowWildcardConnections}.
 *
 * <p>{@code issuer} is documented first: the metadata processor finds a component's {@code @param} by prefix, so
 * below {@code issuerUri} it would take that one's text.
 *
 * @param issuer                   required {@code iss} of accepted tokens (default {@code issuerUri})
 * @param issuerUri                OpenID issuer whose discovery document names the signing keys; JWTs are off
 *                                 unless this or {@code jwkSetUri} is set
 * @param jwkSetUri                JWK set URL of the signing keys (needs {@code issuer})
 * @param audience                 required audience of accepted tokens; unset = any
 * @param scopeClaim               claim holding the token's scopes
 * @param connectionsClaim         claim holding the connection ids the token may use
 * @param defaultConnections       connections of a token without the connections claim
 * @param allowWildcardConnections whether {@code *} in a token's connections claim means every connection
 */
public record JwtProperties(
        URI issuerUri,
        URI jwkSetUri,
        String audience,
        String scopeClaim,
        String connectionsClaim,
        List<String> defaultConnections,
        String issuer,
        boolean allowWildcardConnections) {
    public JwtProperties(
            URI issuerUri,
            URI jwkSetUri,
            String audience,
            String scopeClaim,
            String connectionsClaim,
            List<String> defaultConnections) {
        this(issuerUri, jwkSetUri, audience, scopeClaim, connectionsClaim, defaultConnections, null, false);
    }

    @ConstructorBinding
    public JwtProperties {
        issuer = issuer == null || issuer.isBlank() ? (issuerUri == null ? null : issuerUri.toString()) : issuer;
        if (jwkSetUri != null && issuer == null) {
            throw new IllegalArgumentException("mediagate.jwt.issuer is required with mediagate.jwt.jwk-set-uri: "
                    + "without it a token from any issuer the key set signs would be accepted");
        }
        scopeClaim = scopeClaim == null ? "scope" : scopeClaim;
        connectionsClaim = connectionsClaim == null ? "mediagate_connections" : connectionsClaim;
        defaultConnections = defaultConnections == null ? List.of() : List.copyOf(defaultConnections);
    }

    public boolean enabled() {
        return issuerUri != null || jwkSetUri != null;
    }
}
