package io.mediagate.gateway.policy.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A read's final JSON body as sent to clients, its strong ETag (a hash of those bytes, so equal bodies get equal
 * tags on every replica) and when it was stored. Keeping bytes means a hit costs no serialization.
 */
public record CachedResponse(byte[] body, String etag, Instant storedAt) {

    public static CachedResponse of(byte[] body, Instant now) {
        return new CachedResponse(body, etagOf(body), now);
    }

    static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    int weight() {
        return 96 + body.length + etag.length() * 2;
    }

    /** For logs and assertions: the size, never the content. */
    @Override
    public String toString() {
        return "CachedResponse[" + body.length + " bytes, etag=" + etag + ", storedAt=" + storedAt + "]";
    }
}
