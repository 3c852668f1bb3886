package io.mediagate.gateway.passthrough;

import io.mediagate.gateway.web.ApiException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits {@code /v1/connections/{c}/raw/<vendor path>} and refuses every way out of the vendor's base URL:
 * dot segments, encoded dots, slashes or backslashes, double encoding, empty segments ({@code //host}),
 * control characters, raw or percent-encoded ({@code %00-%1f}, {@code %7f}), malformed percent-encoding, and
 * dot segments hidden behind path parameters ({@code ..;/}, {@code .;x}), which servers that strip {@code ;…}
 * (Tomcat, Jetty) would resolve. Validation works on the path as received (still percent-encoded), so nothing a
 * later decoding step does can turn an accepted path into another one. Each rule is its own step; any step that
 * decodes must run before {@link #checkSegments}, so decoded text goes through the traversal check too.
 * The one decoding step: {@code %2F} is decoded to {@code /} first, once, because generated clients encode the
 * {@code /} of the {@code path} parameter; the same checks then see the decoded segments ({@code ..%2Fx} is
 * {@code ../x} and refused, {@code %252F} stays encoded).
 */
public record RawPath(String connection, String vendorPath) {
    /** The route as the {@code uri} tag of {@code http_server_requests} and the server span name it. */
    public static final String ROUTE = "/v1/connections/{connection}/raw/**";

    private static final String PREFIX = "/v1/connections/";
    private static final Pattern ENCODED_SLASH = Pattern.compile("%2[fF]");
    private static final boolean[] SEGMENT_CHARS = new boolean[128];

    static {
        String allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~!$&'()*+,;=:@%-";
        for (int i = 0; i < allowed.length(); i++) {
            SEGMENT_CHARS[allowed.charAt(i)] = true;
        }
    }

    /** Whether the request is for the raw route ({@code /v1/connections/{c}/raw[/...]}); nothing is checked. */
    public static boolean isRaw(String rawPath) {
        if (!rawPath.startsWith(PREFIX)) {
            return false;
        }
        int slash = rawPath.indexOf('/', PREFIX.length());
        return slash > PREFIX.length()
                && rawPath.startsWith("/raw", slash)
                && (rawPath.length() == slash + 4 || rawPath.charAt(slash + 4) == '/');
    }

    public static RawPath parse(String rawPath) {
        int slash = rawPath.indexOf('/', PREFIX.length());
        if (!isRaw(rawPath) || slash < 0) {
            throw ApiException.badRequest(
                    "invalid-raw-path",
                    "passthrough paths look like " + "/v1/connections/{connection}/raw/<vendor path>");
        }
        String connection = rawPath.substring(PREFIX.length(), slash);
        String tail = rawPath.substring(slash + 4);
        String rest = tail.isEmpty() ? "/" : decodeEncodedSlashes(tail);
        if (rest.length() > 2048) {
            throw refuse("the vendor path is longer than 2048 characters");
        }
        if (rest.indexOf('%') >= 0) {
            refuseEncodedControls(rest);
            String lower = rest.toLowerCase(Locale.ROOT);
            if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%25")) {
                throw refuse(
                        "encoded dots, slashes, backslashes or percent signs are not allowed in passthrough paths");
            }
        }
        checkSegments(rest);
        return new RawPath(connection, rest);
    }

    /** Percent-encoding must be {@code %XX}, and never of a control character. */
    static void refuseEncodedControls(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) != '%') {
                continue;
            }
            int hi = i + 2 < path.length() ? Character.digit(path.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(path.charAt(i + 2), 16) : -1;
            if (lo < 0) {
                throw refuse("the vendor path has malformed percent-encoding");
            }
            int octet = hi << 4 | lo;
            if (octet < 0x20 || octet == 0x7f) {
                throw refuse("encoded control characters are not allowed in passthrough paths");
            }
            i += 2;
        }
    }

    /**
     * Every segment is non-empty, well-formed and not a dot segment, also once a path parameter ({@code ;…}) is
     * cut off as Tomcat-style servers do ({@code ..;/} is {@code ../} to them).
     */
    static void checkSegments(String path) {
        if (path.equals("/")) {
            return;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean lastAndEmpty = i == segments.length - 1 && s.isEmpty();
            if (lastAndEmpty) {
                continue;
            }
            String beforeParameters = s.indexOf(';') < 0 ? s : s.substring(0, s.indexOf(';'));
            if (s.isEmpty()
                    || beforeParameters.isEmpty()
                    || beforeParameters.equals(".")
                    || beforeParameters.equals("..")
                    || !wellFormed(s)) {
                throw refuse("the vendor path has an empty, dot or malformed segment");
            }
        }
    }

    /** RFC 3986 {@code pchar}s only (unreserved, sub-delims, {@code :}, {@code @} and {@code %}). */
    private static boolean wellFormed(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char ch = segment.charAt(i);
            if (ch >= 0x80 || !SEGMENT_CHARS[ch]) {
                return false;
            }
        }
        return true;
    }

    /** {@code %2F} or {@code %2f} becomes {@code /}, once; nothing else is decoded. */
    static String decodeEncodedSlashes(String path) {
        return path.indexOf('%') < 0 ? path : ENCODED_SLASH.matcher(path).replaceAll("/");
    }

    private static ApiException refuse(String detail) {
        return ApiException.invalidField("path", detail);
    }
}
