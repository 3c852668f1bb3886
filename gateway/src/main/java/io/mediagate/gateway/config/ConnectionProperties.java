package io.mediagate.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One vendor connection.
 *
 * @param vendor      {@code cincopa}, {@code parone}, {@code streamone} or {@code cognitive3d}
 * @param baseUrl     the vendor API base URL; passthrough never reaches any other host
 * @param credentials vendor credentials (secret; use {@code ${ENV_VAR}} placeholders), keys per vendor
 * @param options     vendor-specific non-secret settings
 * @param quota       outbound rate limit towards the vendor (merged over {@code mediagate.defaults.quota})
 * @param cache       read cache settings (merged over {@code mediagate.defaults.cache})
 * @param retry       backoff settings (merged over {@code mediagate.defaults.retry})
 * @param circuit     circuit breaker and bulkhead (merged over {@code mediagate.defaults.circuit})
 * @param timeout     overall deadline of one request to this connection, retries included
 */
public record ConnectionProperties(
        @NotBlank String vendor,
        @NotNull URI baseUrl,
        Map<String, String> credentials,
        Map<String, String> options,
        @Valid QuotaProperties quota,
        @Valid CacheProperties cache,
        @Valid RetryProperties retry,
        @Valid CircuitProperties circuit,
        Duration timeout) {

    public ConnectionProperties {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A connection with only the essentials; every policy setting comes from the defaults. */
    public static ConnectionProperties of(
            String vendor, URI baseUrl, Map<String, String> credentials, Map<String, String> options) {
        return new ConnectionProperties(vendor, baseUrl, credentials, options, null, null, null, null, null);
    }

    /** Never prints credential values. */
    @Override
    public String toString() {
        return "ConnectionProperties[vendor=" + vendor + ", baseUrl=" + baseUrl + ", credentials="
                + credentials.keySet() + ", options=" + options + "]";
    }
}
