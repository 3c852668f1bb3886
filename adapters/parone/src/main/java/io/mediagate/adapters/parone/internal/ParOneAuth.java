package io.mediagate.adapters.parone.internal;

import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.contracts.spi.ProviderException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ParOne's header auth: reads carry the feed sync code, writes the API key and secret, and every call the MMI
 * key when the connection is bound to a sub-organisation. Each call gets only the credentials it needs.
 */
public final class ParOneAuth {
    static final String SYNC = "X-Parone-Sync-Code";
    static final String KEY = "X-Parone-Api-Key";
    static final String SECRET = "X-Parone-Api-Secret";
    static final String MMI = "X-ParOne-MMI-Key";

    private final ParOneProperties properties;

    public ParOneAuth(ParOneProperties properties) {
        this.properties = properties;
    }

    public Map<String, String> readHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SYNC, properties.syncCode());
        mmi(h);
        return h;
    }

    /** The write headers; a connection without key and secret is read-only and refused before any call. */
    public Map<String, String> writeHeaders() {
        if (!properties.canWrite()) {
            throw new ProviderException(ProviderException.Kind.FORBIDDEN, "this ParOne connection is read-only: "
                    + "it has a sync code but no api-key and api-secret, which ParOne requires for writes");
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put(KEY, properties.apiKey());
        h.put(SECRET, properties.apiSecret());
        mmi(h);
        return h;
    }

    private void mmi(Map<String, String> h) {
        if (properties.mmiKey() != null) {
            h.put(MMI, properties.mmiKey());
        }
    }

    /**
     * Passthrough: GET/HEAD are reads, anything else a write. Every ParOne header the caller sent is dropped
     * first, so a caller can neither bring its own credentials nor pick a sub-organisation with an MMI key.
     */
    public OutboundRequest authorize(OutboundRequest request) {
        boolean read = request.method().equals("GET") || request.method().equals("HEAD");
        Map<String, java.util.List<String>> kept = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (!name.toLowerCase(java.util.Locale.ROOT).startsWith("x-parone-")) {
                kept.put(name, values);
            }
        });
        OutboundRequest out = new OutboundRequest(request.method(), request.path(), request.rawQuery(), kept,
                request.body());
        for (Map.Entry<String, String> e : (read ? readHeaders() : writeHeaders()).entrySet()) {
            out = out.withHeader(e.getKey(), e.getValue());
        }
        return out;
    }
}
