package io.mediagate.adapters.cognitive3d.internal;

import io.mediagate.adapters.cognitive3d.internal.Cognitive3DProperties.KeyFormat;
import io.mediagate.contracts.spi.OutboundRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The organisation key as Cognitive3D wants it: the raw {@code Authorization} value, never "Bearer". Current keys
 * are {@code orgkey-…} and sent as they are (the prefix is added when the configured value lacks it, so a key
 * pasted without it still works); keys issued before May 2025 go behind {@code APIKEY:ORGANIZATION }.
 */
public final class Cognitive3DAuth {
    static final String ORGKEY_PREFIX = "orgkey-";
    static final String LEGACY_SCHEME = "APIKEY:ORGANIZATION ";

    private final String headerValue;
    private final String apiKey;

    public Cognitive3DAuth(String apiKey, KeyFormat format) {
        this.apiKey = apiKey;
        this.headerValue = switch (format) {
            case ORGKEY -> apiKey.startsWith(ORGKEY_PREFIX) ? apiKey : ORGKEY_PREFIX + apiKey;
            case LEGACY -> LEGACY_SCHEME + apiKey;
        };
    }

    /** The {@code Authorization} header value. */
    public String headerValue() {
        return headerValue;
    }

    /** Adds the header to a passthrough request, replacing whatever Authorization the caller sent. */
    public OutboundRequest authorize(OutboundRequest request) {
        return request.withHeader("Authorization", headerValue);
    }

    /** Values that must never reach a message or log. */
    public Set<String> secrets() {
        return new HashSet<>(List.of(apiKey, headerValue));
    }

    @Override
    public String toString() {
        return "Cognitive3DAuth[***]";
    }
}
