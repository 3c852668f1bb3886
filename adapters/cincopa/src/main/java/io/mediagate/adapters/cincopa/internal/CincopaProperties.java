package io.mediagate.adapters.cincopa.internal;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import java.net.URI;
import java.time.Duration;

/**
 * A Cincopa connection's settings: the API token ({@code credentials.api-token}), the base URL, and options
 * {@code upload-ttl} (seconds an upload URL stays valid, default 3600) and {@code asset-type} (which assets are
 * videos, default {@code video}).
 */
public record CincopaProperties(URI baseUrl, String apiToken, Duration uploadTtl, String assetType) {

    public static CincopaProperties from(ConnectionSpec spec) {
        String token = spec.requireCredential("api-token");
        long ttl;
        try {
            ttl = Long.parseLong(spec.option("upload-ttl", "3600"));
        } catch (NumberFormatException e) {
            throw new InvalidConnectionException(spec.key("options.upload-ttl"), "must be a number of seconds");
        }
        if (ttl < 60 || ttl > 86_400) {
            throw new InvalidConnectionException(spec.key("options.upload-ttl"), "must be between 60 and 86400");
        }
        return new CincopaProperties(
                spec.baseUrl(), token, Duration.ofSeconds(ttl), spec.option("asset-type", "video"));
    }

    @Override
    public String toString() {
        return "CincopaProperties[baseUrl=" + baseUrl + ", uploadTtl=" + uploadTtl + ", assetType=" + assetType + "]";
    }
}
