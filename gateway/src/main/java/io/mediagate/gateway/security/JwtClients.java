package io.mediagate.gateway.security;

import io.mediagate.gateway.config.JwtProperties;
import io.mediagate.gateway.config.MediagateProperties;
import io.mediagate.gateway.config.RateLimitProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Internal services may present a JWT instead of an API key (when {@code mediagate.jwt} is configured): signature,
 * expiry, issuer and audience are checked by Spring Security's JOSE decoder, then claims become the same
 * {@link ApiClient} an API key would: {@code sub} as id, scopes and connections from the configured claims.
 */
@Component
public class JwtClients {
    private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final JwtProperties settings;
    private final RateLimitProperties rateLimit;
    private final ReactiveJwtDecoder decoder;

    public JwtClients(MediagateProperties properties) {
        this.settings = properties.jwt();
        this.rateLimit = properties.defaults().inbound();
        this.decoder = settings.enabled() ? decoder(settings) : null;
    }

    private static ReactiveJwtDecoder decoder(JwtProperties s) {
        NimbusReactiveJwtDecoder decoder = s.jwkSetUri() != null
                ? NimbusReactiveJwtDecoder.withJwkSetUri(s.jwkSetUri().toString())
                        .build()
                : (NimbusReactiveJwtDecoder)
                        ReactiveJwtDecoders.fromIssuerLocation(s.issuerUri().toString());
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        // always an issuer: JwtProperties refuses to start without one
        validators.add(JwtValidators.createDefaultWithIssuer(s.issuer()));
        if (s.audience() != null) {
            validators.add(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(s.audience())
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** Whether this bearer value should be checked as a JWT. */
    public boolean handles(String bearer) {
        return decoder != null && JWT_SHAPE.matcher(bearer).matches();
    }

    /** The client the token stands for; empty when it is not valid (bad signature, expired, wrong issuer…). */
    public Mono<ApiClient> authenticate(String token) {
        return decoder.decode(token).map(this::toClient).onErrorResume(e -> Mono.empty());
    }

    ApiClient toClient(Jwt jwt) {
        Set<Scope> scopes = new LinkedHashSet<>();
        for (String s : strings(jwt.getClaim(settings.scopeClaim()))) {
            for (Scope scope : Scope.values()) {
                if (scope.wire().equals(s)) {
                    scopes.add(scope);
                }
            }
        }
        Object connectionsClaim = jwt.getClaim(settings.connectionsClaim());
        List<String> connections =
                connectionsClaim == null ? settings.defaultConnections() : new ArrayList<>(strings(connectionsClaim));
        if (connectionsClaim != null && !settings.allowWildcardConnections()) {
            // "*" in a token would make whoever mints tokens the owner of every connection: operators opt in
            connections.remove("*");
        }
        return new ApiClient("jwt:" + jwt.getSubject(), Set.copyOf(scopes), Set.copyOf(connections), rateLimit);
    }

    private static List<String> strings(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof String s) {
            for (String part : s.split("[\\s,]+")) {
                if (!part.isBlank()) {
                    out.add(part);
                }
            }
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }
}
