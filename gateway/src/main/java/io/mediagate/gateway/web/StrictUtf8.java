package io.mediagate.gateway.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding that refuses what lenient decoders replace with U+FFFD: invalid bytes, overlong forms and
 * encoded surrogates (a lone surrogate cannot be stored by any vendor).
 */
public final class StrictUtf8 {
    private StrictUtf8() {}

    /** The text, or null when the bytes are not well-formed UTF-8. */
    public static String decode(byte[] bytes, int length) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Whether every percent-encoded component of a raw query ({@code a=b&c=d}) is well-formed and decodes to
     * UTF-8; {@code +} counts as a space.
     */
    public static boolean wellFormedQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return true;
        }
        byte[] out = new byte[rawQuery.length()];
        for (String part : rawQuery.split("[&=]", -1)) {
            int n = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c == '%') {
                    int hi = i + 2 < part.length() ? Character.digit(part.charAt(i + 1), 16) : -1;
                    int lo = hi >= 0 ? Character.digit(part.charAt(i + 2), 16) : -1;
                    if (lo < 0) {
                        return false;
                    }
                    out[n++] = (byte) (hi << 4 | lo);
                    i += 2;
                } else if (c >= 0x80) {
                    return false;
                } else {
                    out[n++] = (byte) c;
                }
            }
            if (n > 0 && decode(out, n) == null) {
                return false;
            }
        }
        return true;
    }
}
