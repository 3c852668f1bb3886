package io.mediagate.adapters.parone.internal;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import io.mediagate.contracts.spi.VendorPlan;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * A ParOne connection's settings. {@code credentials.sync-code} (reads) is required; the write credentials
 * follow {@code options.write-auth}: {@code key-secret} (default, ParOne's overview: {@code api-key} and
 * {@code api-secret}, together or not at all), {@code authorization} (ParOne's content page: {@code api-token},
 * sent verbatim as {@code Authorization}) or {@code both}; without them the connection is read-only.
 * {@code mmi-key} binds the connection to one sub-organisation; {@code options.mmi-id} is the value of the
 * documented {@code mmi} read parameter (default: the MMI key). Options: {@code plan} ({@code standard} 100/min,
 * {@code enterprise} 1000/min), {@code content-path} (default {@code /content/}, create is {@code POST} there),
 * and the guessed routes {@code update-route} and {@code delete-route} (see {@link ParOneRoute}).
 */
public record ParOneProperties(
        URI baseUrl,
        String syncCode,
        String apiKey,
        String apiSecret,
        String apiToken,
        WriteAuth writeAuth,
        String mmiKey,
        String mmiId,
        VendorPlan plan,
        String contentPath,
        ParOneRoute updateRoute,
        ParOneRoute deleteRoute) {

    /** Which headers authenticate a write. */
    public enum WriteAuth {
        KEY_SECRET,
        AUTHORIZATION,
        BOTH;

        boolean sendsKeySecret() {
            return this != AUTHORIZATION;
        }

        boolean sendsToken() {
            return this != KEY_SECRET;
        }
    }

    public static ParOneProperties from(ConnectionSpec spec) {
        String sync = spec.requireCredential("sync-code");
        String key = spec.credential("api-key");
        String secret = spec.credential("api-secret");
        String token = spec.credential("api-token");
        if (key != null && secret == null) {
            throw new InvalidConnectionException(
                    spec.key("credentials.api-secret"), "is required when credentials.api-key is set");
        }
        if (secret != null && key == null) {
            throw new InvalidConnectionException(
                    spec.key("credentials.api-key"), "is required when credentials.api-secret is set");
        }
        WriteAuth writeAuth = switch (spec.option("write-auth", "key-secret").toLowerCase(Locale.ROOT)) {
            case "key-secret" -> WriteAuth.KEY_SECRET;
            case "authorization" -> WriteAuth.AUTHORIZATION;
            case "both" -> WriteAuth.BOTH;
            default ->
                throw new InvalidConnectionException(
                        spec.key("options.write-auth"), "must be key-secret, authorization or both");
        };
        boolean anyWrite = key != null || token != null;
        if (anyWrite && writeAuth.sendsKeySecret() && key == null) {
            throw new InvalidConnectionException(
                    spec.key("credentials.api-key"),
                    "and credentials.api-secret are required when options.write-auth is " + name(writeAuth));
        }
        if (anyWrite && writeAuth.sendsToken() && token == null) {
            throw new InvalidConnectionException(
                    spec.key("credentials.api-token"), "is required when options.write-auth is " + name(writeAuth));
        }
        VendorPlan plan = switch (spec.option("plan", "standard").toLowerCase(Locale.ROOT)) {
            case "standard" -> new VendorPlan(100, Duration.ofMinutes(1));
            case "enterprise" -> new VendorPlan(1000, Duration.ofMinutes(1));
            default -> throw new InvalidConnectionException(spec.key("options.plan"), "must be standard or enterprise");
        };
        String method = spec.option("update-method", "PUT").toUpperCase(Locale.ROOT);
        if (!method.equals("PUT") && !method.equals("PATCH")) {
            throw new InvalidConnectionException(spec.key("options.update-method"), "must be PUT or PATCH");
        }
        String contentPath = spec.option("content-path", "/content/");
        contentPath = contentPath.endsWith("/") ? contentPath : contentPath + "/";
        ParOneRoute update = ParOneRoute.parse(
                spec, "update-route", method + " " + contentPath + ParOneRoute.KEY, Set.of("PUT", "PATCH", "POST"));
        ParOneRoute delete = ParOneRoute.parse(
                spec, "delete-route", "DELETE " + contentPath + ParOneRoute.KEY, Set.of("DELETE", "POST"));
        String mmi = spec.credential("mmi-key");
        if (mmi == null && spec.option("mmi-id", null) != null) {
            throw new InvalidConnectionException(
                    spec.key("credentials.mmi-key"),
                    "is required when options.mmi-id is set (writes select the sub-organisation by the key)");
        }
        return new ParOneProperties(
                spec.baseUrl(),
                sync,
                key,
                secret,
                token,
                writeAuth,
                mmi,
                spec.option("mmi-id", mmi),
                plan,
                contentPath,
                update,
                delete);
    }

    private static String name(WriteAuth auth) {
        return auth.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the connection holds the write credentials its {@link WriteAuth} scheme sends. */
    public boolean canWrite() {
        return (!writeAuth.sendsKeySecret() || apiKey != null) && (!writeAuth.sendsToken() || apiToken != null);
    }

    @Override
    public String toString() {
        return "ParOneProperties[baseUrl=" + baseUrl + ", writable=" + canWrite() + ", writeAuth=" + writeAuth
                + ", subOrganisation=" + (mmiKey != null) + ", plan=" + plan + "]";
    }
}
