package io.mediagate.gateway.passthrough;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Overwrites secret values in bytes bound for a client, in the spellings a vendor may echo them: plain,
 * URL-encoded (form and percent, upper and lower case hex), JSON-escaped, HTML-escaped and Base64 (standard and
 * URL-safe, with and without padding). Each occurrence becomes as many {@code *} as it had bytes, so a
 * {@code Content-Length} stays right and a body can be scrubbed as it streams.
 */
public final class SecretScrubber {
    /** Shorter values would overwrite ordinary text; credentials are far longer. */
    static final int MIN_LENGTH = 6;

    private static final Pattern PERCENT = Pattern.compile("%[0-9A-F]{2}");
    private final byte[][] patterns;
    private final boolean[] firstBytes = new boolean[256];
    private final int longest;

    public SecretScrubber(Collection<String> secrets) {
        Set<String> spellings = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s != null && s.strip().length() >= MIN_LENGTH) {
                spellings.addAll(spellings(s.strip()));
            }
        }
        List<byte[]> all = new ArrayList<>();
        for (String s : spellings) {
            if (s.length() >= MIN_LENGTH) {
                all.add(s.getBytes(StandardCharsets.UTF_8));
            }
        }
        all.sort(Comparator.comparingInt((byte[] b) -> b.length).reversed());
        this.patterns = all.toArray(byte[][]::new);
        for (byte[] p : patterns) {
            firstBytes[p[0] & 0xff] = true;
        }
        this.longest = patterns.length == 0 ? 0 : patterns[0].length;
    }

    static Set<String> spellings(String s) {
        Set<String> out = new LinkedHashSet<>();
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.add(s);
        String form = URLEncoder.encode(s, StandardCharsets.UTF_8);
        for (String encoded : List.of(form, form.replace("+", "%20"))) {
            out.add(encoded);
            // percent-encoding is case-insensitive (RFC 3986 §2.1): a vendor may echo %2f for %2F
            out.add(PERCENT.matcher(encoded).replaceAll(m -> m.group().toLowerCase(Locale.ROOT)));
        }
        StringBuilder upper = new StringBuilder();
        StringBuilder lower = new StringBuilder();
        for (byte b : utf8) {
            upper.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            lower.append('%').append(HexFormat.of().toHexDigits(b));
        }
        out.add(upper.toString());
        out.add(lower.toString());
        out.add(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
        out.add(s.replace("\\", "\\\\").replace("\"", "\\\""));
        out.add(s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;"));
        for (Base64.Encoder e : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            String b64 = e.encodeToString(utf8);
            out.add(b64);
            out.add(b64.replace("=", ""));
        }
        return out;
    }

    /** Whether there is anything to scrub at all. */
    public boolean isEmpty() {
        return patterns.length == 0;
    }

    /** How many trailing bytes a streaming caller must hold back, since a secret may continue in the next chunk. */
    public int holdBack() {
        return Math.max(0, longest - 1);
    }

    /** Overwrites, in place, every occurrence that lies wholly within {@code bytes[0, length)}; true if any. */
    public boolean scrub(byte[] bytes, int length) {
        boolean found = false;
        for (int i = 0; i < length; i++) {
            if (!firstBytes[bytes[i] & 0xff]) {
                continue;
            }
            for (byte[] p : patterns) {
                if (i + p.length <= length && matches(bytes, i, p)) {
                    Arrays.fill(bytes, i, i + p.length, (byte) '*');
                    found = true;
                    i += p.length - 1;
                    break;
                }
            }
        }
        return found;
    }

    /** The text with every secret spelling overwritten (for header values). */
    public String scrub(String text) {
        if (!mayOccurIn(text)) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return scrub(bytes, bytes.length) ? new String(bytes, StandardCharsets.UTF_8) : text;
    }

    /**
     * Whether a spelling may occur in {@code text}, decided on its chars without encoding it (every header value
     * of every raw answer passes here): exact for ASCII text, and true for any other, which the byte scan decides.
     */
    private boolean mayOccurIn(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char ch = text.charAt(i);
            if (ch >= 0x80) {
                return true;
            }
            if (!firstBytes[ch]) {
                continue;
            }
            for (byte[] p : patterns) {
                if (i + p.length <= length && matches(text, i, p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(String text, int at, byte[] p) {
        for (int j = 0; j < p.length; j++) {
            if (text.charAt(at + j) != p[j]) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(byte[] bytes, int at, byte[] p) {
        for (int j = 0; j < p.length; j++) {
            if (bytes[at + j] != p[j]) {
                return false;
            }
        }
        return true;
    }
}
