package io.mediagate.gateway.api;

import io.mediagate.gateway.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Wraps a vendor's paging state into the opaque cursor callers see, bound to its connection so a cursor
 * can't be replayed against another one. Vendors validate their own part.
 */
public final class CursorCodec {
    private static final String VERSION = "c1";
    private static final int MAX_LENGTH = 1024;

    private CursorCodec() {}

    public static String encode(String connection, String vendorCursor) {
        if (vendorCursor == null) {
            return null;
        }
        String plain = VERSION + "\n" + connection + "\n" + vendorCursor;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String connection, String cursor) {
        if (cursor == null) {
            return null;
        }
        if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = plain.split("\n", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
            throw invalid();
        }
        if (!parts[1].equals(connection)) {
            throw ApiException.invalidField("cursor", "this cursor belongs to another connection");
        }
        return parts[2];
    }

    private static ApiException invalid() {
        return ApiException.invalidField("cursor", "not a cursor this gateway issued; start again without one");
    }
}
