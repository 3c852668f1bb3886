package io.mediagate.contracts.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw vendor request being prepared for passthrough: method, path relative to the connection's base URL,
 * the raw (already encoded) query without {@code ?}, headers, and the body when the vendor signs it
 * (see {@link Capabilities#signsBody()}), else null. Immutable; {@code with*} return copies.
 */
public record OutboundRequest(
        String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public OutboundRequest {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        headers = Collections.unmodifiableMap(copy);
        rawQuery = rawQuery == null ? "" : rawQuery;
    }

    /** A copy with one header set (replacing any value under the same case-insensitive name). */
    public OutboundRequest withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        copy.put(name, List.of(value));
        return new OutboundRequest(method, path, rawQuery, copy, body);
    }

    public OutboundRequest withRawQuery(String query) {
        return new OutboundRequest(method, path, query, headers, body);
    }

    /** The first value of a header, case-insensitively, or null. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** Header names in lower case, for assertions and logging without values. */
    public List<String> headerNames() {
        List<String> names = new ArrayList<>();
        headers.keySet().forEach(k -> names.add(k.toLowerCase(Locale.ROOT)));
        return names;
    }
}
