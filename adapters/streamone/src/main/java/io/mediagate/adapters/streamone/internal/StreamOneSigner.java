package io.mediagate.adapters.streamone.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * StreamOne API v3 request signing, as the official SDKs do it: lowercase-hex HMAC-SHA1, keyed with the actor's
 * pre-shared key, over {@code path + "?" + params + "&" + arguments}, both form-encoded like PHP's
 * {@code http_build_query} (space as {@code +}, {@code *} and {@code ~} escaped). Keys are sorted, as the iOS SDK
 * sends them; the server checks the bytes it receives, so what is signed is exactly what is sent.
 */
public final class StreamOneSigner {
    private StreamOneSigner() {}

    /** {@code k=v&k=v}, keys sorted, values encoded as StreamOne expects. */
    public static String encode(Map<String, String> values) {
        StringJoiner out = new StringJoiner("&");
        new TreeMap<>(values).forEach((k, v) -> out.add(component(k) + "=" + component(v == null ? "" : v)));
        return out.toString();
    }

    static String component(String s) {
        // URLEncoder is RFC 1738 form encoding but keeps '*'; PHP's http_build_query escapes it
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A");
    }

    /** The signature of a request whose encoded parameters and arguments are given as sent. */
    public static String sign(String psk, String path, String encodedParams, String encodedArgs) {
        return hmacSha1Hex(psk, path + "?" + encodedParams + "&" + encodedArgs);
    }

    static String hmacSha1Hex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JVM", e);
        }
    }
}
