package io.mediagate.gateway.web.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks of one HTTP/1.x request head (RFC 9112) that Netty's decoder does not make, or answers without a
 * body: line endings are CRLF only (no bare CR or LF, RFC 9112 §2.2), no NUL or other control characters, a
 * request line of {@code token SP target SP HTTP/1.0|1.1} with a well-formed, percent-encoded target, no
 * whitespace before a field's colon and no obsolete line folding (§5), exactly one {@code Host} on HTTP/1.1
 * (§3.2), one agreed {@code Content-Length}, {@code Transfer-Encoding} only as {@code chunked} and never together
 * with {@code Content-Length} (§6.3: request smuggling), and {@code CONNECT} never (the gateway is no tunnel).
 */
record RequestHead(EdgeProblem problem, boolean chunked, long contentLength) {
    private static final Pattern CHUNK_SIZE = Pattern.compile("[0-9A-Fa-f]{1,15}(?:[ \\t]*;[\\x20-\\x7e\\t]*)?");
    // every request's method, fields and Host are checked with these tables, not regular expressions: the regex
    // engine was 2.5% of a cached read's event-loop time (bench/results, 2026-12-01 profile)
    private static final boolean[] TCHAR = chars("!#$%&'*+.^_`|~-");
    private static final boolean[] REG_NAME = chars("._~!$&'()*+,;=-");
    static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE";

    private static RequestHead bad(String detail) {
        return new RequestHead(new EdgeProblem(400, "malformed-request", "Bad request", detail), false, 0);
    }

    /**
     * A problem visible as soon as byte {@code length - 1} arrives: NUL, bare CR or LF, an over-long request line
     * (414) or head (431); else null.
     */
    static EdgeProblem earlyProblem(byte[] head, int length, EdgeLimits limits) {
        byte b = head[length - 1];
        byte previous = length > 1 ? head[length - 2] : 0;
        if (b == 0) {
            return new EdgeProblem(400, "malformed-request", "Bad request", "the request head holds a NUL byte");
        }
        if (b == '\n' && previous != '\r' || previous == '\r' && b != '\n') {
            return new EdgeProblem(
                    400,
                    "malformed-request",
                    "Bad request",
                    "lines of a request head end in CRLF; a bare CR or LF is not allowed");
        }
        if (length == limits.maxRequestLine() + 1 && indexOf(head, length, (byte) '\n') < 0) {
            return new EdgeProblem(
                    414,
                    "uri-too-long",
                    "URI too long",
                    "the request line is longer than " + limits.maxRequestLine() + " bytes");
        }
        if (length > limits.maxRequestLine() + limits.maxHeaderBytes()) {
            return new EdgeProblem(
                    431,
                    "header-too-large",
                    "Request header fields too large",
                    "the request headers are larger than " + limits.maxHeaderBytes() + " bytes");
        }
        return null;
    }

    /** Checks a complete head (ending in CRLF CRLF). */
    static RequestHead parse(byte[] head, int length, EdgeLimits limits) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < length; i++) {
            if (head[i] == '\r' && head[i + 1] == '\n') {
                lines.add(RequestHeadGuard.ascii(head, start, i));
                start = i + 2;
                i++;
            }
        }
        String requestLine = lines.get(0);
        if (requestLine.length() > limits.maxRequestLine()) {
            return new RequestHead(
                    new EdgeProblem(
                            414,
                            "uri-too-long",
                            "URI too long",
                            "the request line is longer than " + limits.maxRequestLine() + " bytes"),
                    false,
                    0);
        }
        int afterMethod = requestLine.indexOf(' ');
        int afterTarget = afterMethod < 0 ? -1 : requestLine.indexOf(' ', afterMethod + 1);
        if (afterTarget < 0
                || requestLine.indexOf(' ', afterTarget + 1) >= 0
                || !token(requestLine.substring(0, afterMethod))) {
            return bad("the request line must be: method SP target SP HTTP-version");
        }
        String method = requestLine.substring(0, afterMethod);
        String target = requestLine.substring(afterMethod + 1, afterTarget);
        String version = requestLine.substring(afterTarget + 1);
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            return bad("only HTTP/1.0 and HTTP/1.1 are spoken here, not " + printable(version));
        }
        if (method.equals("CONNECT")) {
            return new RequestHead(
                    new EdgeProblem(
                            405,
                            "method-not-allowed",
                            "Method not allowed",
                            "CONNECT is not supported: the gateway is not a tunnel",
                            ALLOW),
                    false,
                    0);
        }
        String targetProblem = targetProblem(target, method);
        if (targetProblem != null) {
            return bad(targetProblem);
        }
        int hosts = 0;
        List<String> contentLengths = new ArrayList<>();
        List<String> transferEncodings = new ArrayList<>();
        int headerBytes = 0;
        for (int i = 1; i < lines.size(); i++) {
            String field = lines.get(i);
            if (field.isEmpty()) {
                break;
            }
            headerBytes += field.length() + 2;
            if (field.charAt(0) == ' ' || field.charAt(0) == '\t') {
                return bad("obsolete line folding is not allowed in request headers");
            }
            if (!validField(field)) {
                return bad("a header field is malformed (no whitespace before ':', no control characters)");
            }
            int colon = field.indexOf(':');
            // only three names matter here: the others are neither copied nor lower-cased (every request's cost)
            if (named(field, colon, "host")) {
                hosts++;
                if (!validHost(field.substring(colon + 1).strip())) {
                    return bad("the Host header is malformed");
                }
            } else if (named(field, colon, "content-length")) {
                for (String v : field.substring(colon + 1).split(",", -1)) {
                    contentLengths.add(v.strip());
                }
            } else if (named(field, colon, "transfer-encoding")) {
                for (String v : field.substring(colon + 1).split(",", -1)) {
                    transferEncodings.add(v.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (headerBytes > limits.maxHeaderBytes()) {
            return new RequestHead(
                    new EdgeProblem(
                            431,
                            "header-too-large",
                            "Request header fields too large",
                            "the request headers are larger than " + limits.maxHeaderBytes() + " bytes"),
                    false,
                    0);
        }
        if (version.equals("HTTP/1.1") && hosts != 1) {
            return bad(hosts == 0 ? "HTTP/1.1 requests must carry a Host header" : "only one Host header is allowed");
        }
        if (!transferEncodings.isEmpty()) {
            if (!contentLengths.isEmpty()) {
                return bad("Content-Length and Transfer-Encoding together are ambiguous (request smuggling)");
            }
            if (version.equals("HTTP/1.0") || !transferEncodings.equals(List.of("chunked"))) {
                return bad("the only transfer coding accepted is chunked, once, on HTTP/1.1");
            }
            return new RequestHead(null, true, 0);
        }
        long bodyLength = 0;
        if (!contentLengths.isEmpty()) {
            String first = contentLengths.get(0);
            if (!first.matches("[0-9]{1,18}") || contentLengths.stream().anyMatch(v -> !v.equals(first))) {
                return bad("Content-Length must be one non-negative integer");
            }
            bodyLength = Long.parseLong(first);
        }
        return new RequestHead(null, false, bodyLength);
    }

    static String targetProblem(String target, String method) {
        if (target.isEmpty()) {
            return "the request target is empty";
        }
        if (target.equals("*")) {
            return method.equals("OPTIONS") ? null : "'*' is only a target of OPTIONS";
        }
        if (target.charAt(0) != '/') {
            return "the request target must be a path (origin-form)";
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= target.length()
                        || Character.digit(target.charAt(i + 1), 16) < 0
                        || Character.digit(target.charAt(i + 2), 16) < 0) {
                    return "the request target has malformed percent-encoding";
                }
            } else if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}#".indexOf(c) >= 0) {
                return "the request target has characters that must be percent-encoded";
            }
        }
        // what java.net.URI (which WebFlux builds from the target) still refuses once the characters above pass:
        // a square bracket in the path, where RFC 3986 allows it only around an IPv6 host
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?') {
                break;
            }
            if (c == '[' || c == ']') {
                return "the request target is not a valid URI";
            }
        }
        return null;
    }

    /** A chunk-size line's size, or -1 when malformed (RFC 9112 §7.1). */
    static long chunkSize(String line) {
        if (!CHUNK_SIZE.matcher(line).matches()) {
            return -1;
        }
        int end = 0;
        while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
            end++;
        }
        return Long.parseLong(line.substring(0, end), 16);
    }

    /** {@code token ":" field-value}: a token name right before the colon, then tab, visible ASCII or obs-text. */
    /** Whether the field's name (before {@code colon}) is {@code name}, ignoring ASCII case. */
    private static boolean named(String field, int colon, String name) {
        return colon == name.length() && field.regionMatches(true, 0, name, 0, colon);
    }

    static boolean validField(String field) {
        int n = field.length();
        int i = 0;
        while (i < n && in(TCHAR, field.charAt(i))) {
            i++;
        }
        if (i == 0 || i == n || field.charAt(i) != ':') {
            return false;
        }
        for (i++; i < n; i++) {
            char c = field.charAt(i);
            if (!(c == '\t' || c >= 0x20 && c <= 0x7e || c >= 0x80 && c <= 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 {@code token}: one or more tchar. */
    static boolean token(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!in(TCHAR, s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** {@code Host}: a reg-name (possibly empty) or a bracketed IPv6 literal, then an optional port of 0–5 digits. */
    static boolean validHost(String v) {
        int n = v.length();
        int i = 0;
        if (n > 0 && v.charAt(0) == '[') {
            int close = v.indexOf(']');
            if (close < 2) {
                return false;
            }
            for (int k = 1; k < close; k++) {
                char c = v.charAt(k);
                if (!(Character.digit(c, 16) >= 0 && c < 0x80 || c == ':' || c == '.')) {
                    return false;
                }
            }
            i = close + 1;
        } else {
            while (i < n && in(REG_NAME, v.charAt(i))) {
                i++;
            }
        }
        if (i == n) {
            return true;
        }
        if (v.charAt(i) != ':' || n - i - 1 > 5) {
            return false;
        }
        for (int k = i + 1; k < n; k++) {
            if (v.charAt(k) < '0' || v.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A table of the given punctuation plus ASCII letters and digits. */
    private static boolean[] chars(String punctuation) {
        boolean[] table = new boolean[128];
        for (char c = '0'; c <= '9'; c++) {
            table[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            table[c] = true;
            table[Character.toUpperCase(c)] = true;
        }
        for (char c : punctuation.toCharArray()) {
            table[c] = true;
        }
        return table;
    }

    private static boolean in(boolean[] table, char c) {
        return c < table.length && table[c];
    }

    private static String printable(String s) {
        String cut = s.length() > 20 ? s.substring(0, 20) : s;
        return cut.replaceAll("[^\\x21-\\x7e]", "?").replace("\"", "?").replace("\\", "?");
    }

    private static int indexOf(byte[] b, int length, byte value) {
        for (int i = 0; i < length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
