package io.mediagate.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes {@code k=v&k=v} strings (query strings, form bodies) the way vendor servers read them. */
public final class FormDecoding {
    private FormDecoding() {}

    /** Every value of every name, in order; a URL's part before {@code ?} is skipped when present. */
    public static Map<String, List<String>> all(String encoded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int q = encoded.indexOf('?');
        String pairs = q >= 0 ? encoded.substring(q + 1) : encoded;
        for (String pair : pairs.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /** The first value of every name. */
    public static Map<String, String> first(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        all(encoded).forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }
}
