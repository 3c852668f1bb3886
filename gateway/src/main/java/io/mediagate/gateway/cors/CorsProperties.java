package io.mediagate.gateway.cors;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Cross-origin access for browser tools such as Swagger UI on another host ({@code mediagate.cors.*}); off by
 * default. Credentials mode is never allowed: clients authenticate with a bearer header, not cookies.
 *
 * @param enabled        answer CORS requests and preflights (default false: browsers on other origins are refused)
 * @param allowedOrigins origins allowed to call, e.g. {@code https://tools.example.com}, or {@code *} for any;
 *                       at least one when enabled
 * @param allowedMethods methods a preflight may ask for (default GET, POST, PUT, PATCH, DELETE)
 * @param allowedHeaders request headers a preflight may ask for (default the ones the API reads)
 * @param exposedHeaders response headers a browser script may read (default every header the API sends)
 * @param maxAge         how long a browser may cache a preflight answer (default 30m)
 */
@ConfigurationProperties("mediagate.cors")
public record CorsProperties(
        boolean enabled,
        List<String> allowedOrigins,
        List<String> allowedMethods,
        List<String> allowedHeaders,
        List<String> exposedHeaders,
        Duration maxAge) {
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final List<String> REQUEST_HEADERS = List.of(
            "Authorization", "Content-Type", "If-None-Match", "Idempotency-Key", "X-Request-Id", "Cache-Control");
    static final List<String> RESPONSE_HEADERS = List.of(
            "X-Request-Id",
            "ETag",
            "Cache-Status",
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset",
            "Retry-After",
            "Location",
            "Idempotent-Replayed",
            "WWW-Authenticate",
            "Allow");

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedMethods = allowedMethods == null || allowedMethods.isEmpty() ? METHODS : List.copyOf(allowedMethods);
        allowedHeaders =
                allowedHeaders == null || allowedHeaders.isEmpty() ? REQUEST_HEADERS : List.copyOf(allowedHeaders);
        exposedHeaders =
                exposedHeaders == null || exposedHeaders.isEmpty() ? RESPONSE_HEADERS : List.copyOf(exposedHeaders);
        maxAge = maxAge == null ? Duration.ofMinutes(30) : maxAge;
        if (enabled && allowedOrigins.isEmpty()) {
            throw new IllegalArgumentException("mediagate.cors.allowed-origins must name at least one origin (or *) "
                    + "when mediagate.cors.enabled is true");
        }
        for (String origin : allowedOrigins) {
            if (!origin.equals("*") && !isOrigin(origin)) {
                throw new IllegalArgumentException("mediagate.cors.allowed-origins: '" + origin + "' is not an "
                        + "origin (scheme://host[:port], no path) or *");
            }
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("mediagate.cors.max-age must not be negative");
        }
    }

    private static boolean isOrigin(String value) {
        try {
            URI uri = URI.create(value);
            return (uri.getScheme() != null
                            && (uri.getScheme().equals("http")
                                    || uri.getScheme().equals("https")))
                    && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
