package io.mediagate.adapters.parone.internal;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import io.mediagate.contracts.spi.VendorPlan;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * A ParOne connection's settings. {@code credentials.sync-code} (reads) is required; {@code api-key} and
 * {@code api-secret} (writes) come together or not at all; {@code mmi-key} binds the connection to one
 * sub-organisation. Options: {@code plan} ({@code standard} 100/min, {@code enterprise} 1000/min),
 * {@code update-method} (default {@code PUT}) and {@code content-path} (default {@code /content/}), which are
 * guesses about undocumented endpoints, kept configurable.
 */
public record ParOneProperties(URI baseUrl, String syncCode, String apiKey, String apiSecret, String mmiKey,
                               VendorPlan plan, String updateMethod, String contentPath) {

    public static ParOneProperties from(ConnectionSpec spec) {
        String sync = spec.requireCredential("sync-code");
        String key = spec.credential("api-key");
        String secret = spec.credential("api-secret");
        if (key != null && secret == null) {
            throw new InvalidConnectionException(spec.key("credentials.api-secret"),
                    "is required when credentials.api-key is set");
        }
        if (secret != null && key == null) {
            throw new InvalidConnectionException(spec.key("credentials.api-key"),
                    "is required when credentials.api-secret is set");
        }
        VendorPlan plan = switch (spec.option("plan", "standard").toLowerCase(Locale.ROOT)) {
            case "standard" -> new VendorPlan(100, Duration.ofMinutes(1));
            case "enterprise" -> new VendorPlan(1000, Duration.ofMinutes(1));
            default -> throw new InvalidConnectionException(spec.key("options.plan"),
                    "must be standard or enterprise");
        };
        String method = spec.option("update-method", "PUT").toUpperCase(Locale.ROOT);
        if (!method.equals("PUT") && !method.equals("PATCH")) {
            throw new InvalidConnectionException(spec.key("options.update-method"), "must be PUT or PATCH");
        }
        String contentPath = spec.option("content-path", "/content/");
        return new ParOneProperties(spec.baseUrl(), sync, key, secret, spec.credential("mmi-key"), plan, method,
                contentPath.endsWith("/") ? contentPath : contentPath + "/");
    }

    public boolean canWrite() {
        return apiKey != null;
    }

    @Override
    public String toString() {
        return "ParOneProperties[baseUrl=" + baseUrl + ", writable=" + canWrite() + ", subOrganisation="
                + (mmiKey != null) + ", plan=" + plan + "]";
    }
}
