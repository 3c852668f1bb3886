package io.mediagate.gateway.passthrough;

import io.mediagate.contracts.spi.RawPolicy;
import io.mediagate.gateway.web.ApiException;
import io.mediagate.gateway.web.StrictUtf8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The vendor's {@link RawPolicy} applied to a caller's raw request, as pure functions: which method, which query
 * parameters, which body members and which headers may go on. Parameter names are compared the way a vendor's
 * server may read them: percent-decoded ({@code api%5Ftoken}), {@code +} as space, case-folded ({@code API_TOKEN}),
 * with PHP's array and name mangling undone ({@code api_token[]}, {@code api.token}, {@code api token}), and
 * every duplicate counts.
 */
final class RawRequestRules {
    private static final Pattern FORM_PART_NAME =
            Pattern.compile("(?i)content-disposition:[^\\r\\n]*?\\bname\\*?=\"?([^\"\\r\\n;]*)");

    private RawRequestRules() {}

    /** 405 with {@code Allow} unless the vendor's API uses this method. */
    static void method(String method, RawPolicy policy) {
        if (!policy.allows(method)) {
            String allow = String.join(", ", policy.methods().stream().sorted().toList());
            throw new ApiException(
                            HttpStatus.METHOD_NOT_ALLOWED,
                            "method-not-allowed",
                            "Method not allowed",
                            "this vendor's API takes " + allow + " through passthrough")
                    .withHeader(HttpHeaders.ALLOW, allow);
        }
    }

    /** What a server may take a parameter name to be, for comparison with reserved names. */
    static String canonicalName(String decodedName) {
        String n = decodedName.strip().toLowerCase(Locale.ROOT);
        int bracket = n.indexOf('[');
        if (bracket > 0) {
            n = n.substring(0, bracket);
        }
        return n.replace('.', '_').replace(' ', '_');
    }

    /**
     * The query with every reserved parameter removed (the adapter adds its own). Malformed percent-encoding
     * and invalid UTF-8 are refused: a vendor would decode them its own way.
     */
    static String query(String rawQuery, RawPolicy policy) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return rawQuery;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
            decode(eq < 0 ? "" : pair.substring(eq + 1), "query");
            if (!policy.reserved().contains(canonicalName(name))) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    /** Whether a body of this type carries named members a vendor may read like query parameters. */
    static boolean isForm(MediaType type) {
        return type != null
                && (MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)
                        || MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type));
    }

    /** Refuses a form body that names a reserved parameter (it is signed or read as is, so it cannot be edited). */
    static void formBody(byte[] body, MediaType type, RawPolicy policy) {
        if (body == null || body.length == 0 || policy.reserved().isEmpty()) {
            return;
        }
        Set<String> names = new HashSet<>();
        if (MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            for (String pair : text.split("&", -1)) {
                int eq = pair.indexOf('=');
                names.add(canonicalName(decode(eq < 0 ? pair : pair.substring(0, eq), "body")));
            }
        } else {
            Matcher m = FORM_PART_NAME.matcher(new String(body, StandardCharsets.ISO_8859_1));
            while (m.find()) {
                names.add(canonicalName(decode(m.group(1), "body")));
            }
        }
        for (String name : names) {
            if (policy.reserved().contains(name)) {
                throw ApiException.invalidField(
                        "body", "the body names '" + name + "', which only the gateway " + "sends to this vendor");
            }
        }
    }

    /**
     * The caller's headers that go on: the vendor's allow-list, minus any header the caller's {@code Connection}
     * header names (those are hop-by-hop by RFC 9110 §7.6.1, whatever they are called).
     */
    static Map<String, List<String>> headers(HttpHeaders in, RawPolicy policy) {
        Set<String> hopByHop = namedInConnection(in.get(HttpHeaders.CONNECTION));
        Map<String, List<String>> out = new LinkedHashMap<>();
        in.forEach((name, values) -> {
            if (policy.forwards(name) && !hopByHop.contains(name.toLowerCase(Locale.ROOT))) {
                out.put(name, values);
            }
        });
        return out;
    }

    /**
     * The header names a {@code Connection} header's values list, lower-cased: hop-by-hop by RFC 9110 §7.6.1,
     * whatever they are called, in a request and in a vendor's answer alike.
     */
    static Set<String> namedInConnection(List<String> connection) {
        if (connection == null || connection.isEmpty()) {
            return Set.of();
        }
        Set<String> named = new HashSet<>();
        for (String value : connection) {
            for (String token : value.split(",")) {
                named.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        return named;
    }

    /** Strict percent-decoding ({@code +} is a space) to UTF-8; anything malformed is a 400 naming {@code field}. */
    static String decode(String s, String field) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw ApiException.invalidField(field, "the " + field + " has malformed percent-encoding");
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c == '+') {
                out[n++] = ' ';
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                // not ASCII: not from a conforming client; keep its UTF-8 bytes so it is still compared
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out = Arrays.copyOf(out, out.length + b.length);
                System.arraycopy(b, 0, out, n, b.length);
                n += b.length;
            }
        }
        String decoded = StrictUtf8.decode(out, n);
        if (decoded == null) {
            throw ApiException.invalidField(field, "the " + field + " is not valid UTF-8");
        }
        return decoded;
    }
}
