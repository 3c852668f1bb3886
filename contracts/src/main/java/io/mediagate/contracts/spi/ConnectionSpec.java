package io.mediagate.contracts.spi;

import java.net.URI;
import java.util.Map;

/**
 * Everything an adapter needs to build one connection's provider: its id, the vendor base URL, the credentials
 * (secret values, never logged) and vendor-specific options, both keyed by their kebab-case config names.
 */
public record ConnectionSpec(
        String id, String vendor, URI baseUrl, Map<String, String> credentials, Map<String, String> options) {
    public ConnectionSpec {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A required credential, or {@link InvalidConnectionException} naming its full config key. */
    public String requireCredential(String name) {
        String value = credentials.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidConnectionException(key("credentials." + name), "is required for vendor " + vendor);
        }
        return value;
    }

    public String credential(String name) {
        String value = credentials.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    public String option(String name, String fallback) {
        String value = options.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The full configuration key of a setting of this connection, for error messages. */
    public String key(String suffix) {
        return "mediagate.connections." + id + "." + suffix;
    }

    /** Never prints credential values. */
    @Override
    public String toString() {
        return "ConnectionSpec[id=" + id + ", vendor=" + vendor + ", baseUrl=" + baseUrl + ", credentials="
                + credentials.keySet() + ", options=" + options + "]";
    }
}
