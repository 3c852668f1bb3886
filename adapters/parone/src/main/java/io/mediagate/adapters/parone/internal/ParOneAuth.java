package io.mediagate.adapters.parone.internal;

import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.contracts.spi.ProviderException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * ParOne's header auth: reads carry the feed sync code, writes the credentials of the configured
 * {@link ParOneProperties.WriteAuth} scheme. A sub-organisation connection sends its MMI key as
 * {@code X-ParOne-MMI-Key} on every call (documented alongside the write keys) and, on reads, also the
 * documented {@code mmi} query parameter of {@code GET /videos/}, since nothing says the header scopes sync-code
 * reads. Each call gets only the credentials it needs.
 */
public final class ParOneAuth {
    static final String SYNC = "X-Parone-Sync-Code";
    static final String KEY = "X-Parone-Api-Key";
    static final String SECRET = "X-Parone-Api-Secret";
    static final String AUTHORIZATION = "Authorization";
    static final String MMI = "X-ParOne-MMI-Key";
    static final String MMI_PARAMETER = "mmi";

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

    /** {@code &mmi=<id>} for a sub-organisation connection's reads, else empty. */
    public String readQuerySuffix() {
        return properties.mmiId() == null
                ? ""
                : "&" + MMI_PARAMETER + "=" + URLEncoder.encode(properties.mmiId(), StandardCharsets.UTF_8);
    }

    /** The write headers; a connection without write credentials is read-only and refused before any call. */
    public Map<String, String> writeHeaders() {
        if (!properties.canWrite()) {
            throw new ProviderException(
                    ProviderException.Kind.FORBIDDEN,
                    "this ParOne connection is read-only: "
                            + "it has a sync code but not the write credentials options.write-auth="
                            + properties
                                    .writeAuth()
                                    .name()
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', '-') + " needs");
        }
        Map<String, String> h = new LinkedHashMap<>();
        if (properties.writeAuth().sendsKeySecret()) {
            h.put(KEY, properties.apiKey());
            h.put(SECRET, properties.apiSecret());
        }
        if (properties.writeAuth().sendsToken()) {
            h.put(AUTHORIZATION, properties.apiToken());
        }
        mmi(h);
        return h;
    }

    private void mmi(Map<String, String> h) {
        if (properties.mmiKey() != null) {
            h.put(MMI, properties.mmiKey());
        }
    }

    /**
     * Passthrough: GET/HEAD are reads, anything else a write. Every ParOne header (and {@code Authorization}) the
     * caller sent is dropped first, and so is an {@code mmi} query parameter, so a caller can neither bring its
     * own credentials nor pick a sub-organisation; a sub-organisation connection's reads get its own {@code mmi}.
     */
    public OutboundRequest authorize(OutboundRequest request) {
        boolean read = request.method().equals("GET") || request.method().equals("HEAD");
        Map<String, List<String>> kept = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("x-parone-") && !lower.equals("authorization")) {
                kept.put(name, values);
            }
        });
        StringJoiner query = new StringJoiner("&");
        for (String pair : request.rawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!pair.isEmpty() && !name.equalsIgnoreCase(MMI_PARAMETER)) {
                query.add(pair);
            }
        }
        String rawQuery = query + (read ? readQuerySuffix() : "");
        OutboundRequest out = new OutboundRequest(
                request.method(),
                request.path(),
                rawQuery.startsWith("&") ? rawQuery.substring(1) : rawQuery,
                kept,
                request.body());
        for (Map.Entry<String, String> e : (read ? readHeaders() : writeHeaders()).entrySet()) {
            out = out.withHeader(e.getKey(), e.getValue());
        }
        return out;
    }
}
