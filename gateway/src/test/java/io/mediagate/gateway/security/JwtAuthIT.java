package io.mediagate.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mediagate.gateway.GatewayTestSupport;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Internal services with a JWT from the configured JWK set get the scopes and connections their claims name. */
class JwtAuthIT extends GatewayTestSupport {
    private static final RSAKey KEY = generate("k1");
    private static final RSAKey OTHER_KEY = generate("k2");
    private static final String ISSUER = "https://idp.example.com/realms/internal";
    private static final WireMockServer JWKS = new WireMockServer(options().dynamicPort());

    static {
        JWKS.start();
        JWKS.stubFor(get("/jwks.json").willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
    }

    @DynamicPropertySource
    static void jwt(DynamicPropertyRegistry registry) {
        registry.add("mediagate.jwt.jwk-set-uri", () -> "http://localhost:" + JWKS.port() + "/jwks.json");
        registry.add("mediagate.jwt.audience", () -> "mediagate");
        registry.add("mediagate.jwt.issuer", () -> ISSUER);
    }

    @AfterAll
    static void stop() {
        JWKS.stop();
    }

    private static RSAKey generate(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(RSAKey key, String scope, List<String> connections, Instant expires, String audience) {
        return token(key, scope, connections, expires, audience, ISSUER);
    }

    private static String token(
            RSAKey key, String scope, List<String> connections, Instant expires, String audience, String issuer) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .subject("reporting-service")
                    .issuer(issuer)
                    .audience(audience)
                    .expirationTime(Date.from(expires))
                    .issueTime(new Date())
                    .claim("scope", scope);
            if (connections != null) {
                claims.claim("mediagate_connections", connections);
            }
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return "Bearer " + jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String valid(String scope, List<String> connections) {
        return token(KEY, scope, connections, Instant.now().plusSeconds(300), "mediagate");
    }

    @Test
    void validTokenWithScopeAndConnectionIsLetIn() {
        web.get()
                .uri("/v1/connections/fake-main/videos")
                .header("Authorization", valid("openid videos:read", List.of("fake-main")))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void claimsLimitScopesAndConnections() {
        String reader = valid("videos:read", List.of("fake-main"));
        web.delete()
                .uri("/v1/connections/fake-main/videos/fake00000001")
                .header("Authorization", reader)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.scope")
                .isEqualTo("videos:write");
        web.get()
                .uri("/v1/connections/fake-basic/videos")
                .header("Authorization", reader)
                .exchange()
                .expectStatus()
                .isForbidden();
        web.get()
                .uri("/v1/connections/fake-main/videos")
                .header("Authorization", valid("videos:read", null))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void expiredForgedOrMisaddressedTokensAre401() {
        web.get()
                .uri("/v1/connections/fake-main/videos")
                .header(
                        "Authorization",
                        token(KEY, "videos:read", List.of("*"), Instant.now().minusSeconds(600), "mediagate"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.get()
                .uri("/v1/connections/fake-main/videos")
                .header(
                        "Authorization",
                        token(
                                OTHER_KEY,
                                "videos:read",
                                List.of("*"),
                                Instant.now().plusSeconds(300),
                                "mediagate"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.get()
                .uri("/v1/connections/fake-main/videos")
                .header(
                        "Authorization",
                        token(KEY, "videos:read", List.of("*"), Instant.now().plusSeconds(300), "someone-else"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType("application/problem+json");
    }

    @Test
    void theConfiguredIssuerIsCheckedWithOnlyAJwkSet() {
        web.get()
                .uri("/v1/connections/fake-main/videos")
                .header(
                        "Authorization",
                        token(
                                KEY,
                                "videos:read",
                                List.of("fake-main"),
                                Instant.now().plusSeconds(300),
                                "mediagate",
                                "https://evil.example.com"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType("application/problem+json");
        web.get()
                .uri("/v1/connections/fake-main/videos")
                .header(
                        "Authorization",
                        token(
                                KEY,
                                "videos:read",
                                List.of("fake-main"),
                                Instant.now().plusSeconds(300),
                                "mediagate",
                                null))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aWildcardFromATokenNeedsTheOperatorsOptIn() {
        web.get()
                .uri("/v1/connections/fake-main/videos")
                .header("Authorization", valid("videos:read", List.of("*")))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/connection-not-allowed");
        web.get()
                .uri("/v1/connections/fake-main/videos")
                .header("Authorization", valid("videos:read", List.of("*", "fake-main")))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void apiKeysStillWorkBesideJwts() {
        web.get()
                .uri("/v1/connections/fake-main/videos")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isOk();
    }
}
