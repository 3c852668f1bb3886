package io.mediagate.client;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** A vendor's answer through raw passthrough, as the vendor sent it (any status, any content type). */
public record RawResponse(int status, HttpHeaders headers, byte[] body) {

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
