package io.mediagate.adapters.cognitive3d.internal;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import java.net.URI;
import java.util.Locale;

/**
 * One Cognitive3D connection's typed settings: one organisation key and the one project whose media library the
 * connection serves. {@code uploadPassthroughUrl} is the gateway's own raw route for this connection, when the
 * operator opts in to uploads through it; {@code updateRoute} is the media update route the operator opts in to
 * (none is documented). The key never appears in {@link #toString()}.
 */
public record Cognitive3DProperties(
        String connectionId,
        URI baseUrl,
        String apiKey,
        KeyFormat keyFormat,
        long projectId,
        URI uploadPassthroughUrl,
        UpdateRoute updateRoute) {

    /** The connection option that opts in to a guessed media update route. */
    public static final String UPDATE_ROUTE_OPTION = "update-route";

    /** The vendor's documented API host. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.cognitive3d.com/v0");

    /** How the key goes into the {@code Authorization} header. */
    public enum KeyFormat {
        /** Keys issued since May 2025: {@code orgkey-<key>}, sent as the whole header value. */
        ORGKEY,
        /** Older keys: {@code APIKEY:ORGANIZATION <key>}. */
        LEGACY
    }

    /**
     * How {@code PATCH} reaches the vendor. Cognitive3D documents no media update route (EVIDENCE O4b), so the
     * default offers no update at all; an operator who has confirmed a route opts in to it.
     */
    public enum UpdateRoute {
        /** No update: {@code PATCH} answers 501 (the default). */
        NONE("none"),
        /** [G] {@code PUT /projects/:projectId/media/:mediaId} with {@code {name, description}}. */
        PUT_MEDIA("put-media");

        private final String optionValue;

        UpdateRoute(String optionValue) {
            this.optionValue = optionValue;
        }

        /** The value as written in {@code options.update-route}. */
        public String optionValue() {
            return optionValue;
        }

        static UpdateRoute parse(ConnectionSpec spec) {
            String value =
                    spec.option(UPDATE_ROUTE_OPTION, NONE.optionValue).trim().toLowerCase(Locale.ROOT);
            for (UpdateRoute route : values()) {
                if (route.optionValue.equals(value)) {
                    return route;
                }
            }
            throw new InvalidConnectionException(
                    spec.key("options." + UPDATE_ROUTE_OPTION), "must be none or put-media");
        }
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
                throw new InvalidConnectionException(spec.key("credentials.key-format"), "must be orgkey or legacy");
            }
        }
        String project = spec.option("project-id", null);
        if (project == null) {
            throw new InvalidConnectionException(
                    spec.key("options.project-id"),
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
        return new Cognitive3DProperties(
                spec.id(), base, apiKey, keyFormat, projectId, upload, UpdateRoute.parse(spec));
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
                + keyFormat + ", projectId=" + projectId + ", uploadPassthroughUrl=" + uploadPassthroughUrl
                + ", updateRoute=" + updateRoute.optionValue() + "]";
    }
}
