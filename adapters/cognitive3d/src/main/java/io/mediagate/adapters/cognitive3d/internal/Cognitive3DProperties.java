package io.mediagate.adapters.cognitive3d.internal;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import java.net.URI;
import java.util.Locale;

/**
 * One Cognitive3D connection's typed settings: one organisation key and the one project whose media library the
 * connection serves. {@code uploadPassthroughUrl} is the gateway's own raw route for this connection, when the
 * operator opts in to uploads through it. The key never appears in {@link #toString()}.
 */
public record Cognitive3DProperties(String connectionId, URI baseUrl, String apiKey, KeyFormat keyFormat,
                                    long projectId, URI uploadPassthroughUrl) {

    /** The vendor's documented API host. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.cognitive3d.com/v0");

    /** How the key goes into the {@code Authorization} header. */
    public enum KeyFormat {
        /** Keys issued since May 2025: {@code orgkey-<key>}, sent as the whole header value. */
        ORGKEY,
        /** Older keys: {@code APIKEY:ORGANIZATION <key>}. */
        LEGACY
    }

    /** Reads and validates the spec, naming the offending configuration key on failure. */
    public static Cognitive3DProperties from(ConnectionSpec spec) {
        String apiKey = spec.requireCredential("api-key").trim();
        String format = spec.credential("key-format");
        KeyFormat keyFormat;
        if (format == null) {
            keyFormat = KeyFormat.ORGKEY;
        } else {
            try {
                keyFormat = KeyFormat.valueOf(format.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidConnectionException(spec.key("credentials.key-format"),
                        "must be orgkey or legacy");
            }
        }
        String project = spec.option("project-id", null);
        if (project == null) {
            throw new InvalidConnectionException(spec.key("options.project-id"),
                    "is required for vendor cognitive3d (the project whose media library this connection serves)");
        }
        long projectId;
        try {
            projectId = Long.parseLong(project.trim());
        } catch (NumberFormatException e) {
            projectId = -1;
        }
        if (projectId <= 0) {
            throw new InvalidConnectionException(spec.key("options.project-id"), "must be a positive integer");
        }
        URI upload = null;
        String uploadUrl = spec.option("upload-passthrough-url", null);
        if (uploadUrl != null) {
            upload = httpUrl(spec, "options.upload-passthrough-url", uploadUrl);
        }
        URI base = spec.baseUrl() == null ? DEFAULT_BASE_URL : spec.baseUrl();
        return new Cognitive3DProperties(spec.id(), base, apiKey, keyFormat, projectId, upload);
    }

    private static URI httpUrl(ConnectionSpec spec, String key, String value) {
        try {
            URI uri = URI.create(value.trim().replaceAll("/+$", ""));
            if (uri.getScheme() != null && uri.getScheme().startsWith("http") && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error naming the key
        }
        throw new InvalidConnectionException(spec.key(key), "must be an absolute http(s) URL");
    }

    @Override
    public String toString() {
        return "Cognitive3DProperties[connectionId=" + connectionId + ", baseUrl=" + baseUrl + ", keyFormat="
                + keyFormat + ", projectId=" + projectId + ", uploadPassthroughUrl=" + uploadPassthroughUrl + "]";
    }
}
