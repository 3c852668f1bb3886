package io.mediagate.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * Where and how the caller uploads the file itself: send {@code method} to {@code uploadUrl} with
 * {@code headers}, before {@code expiresAt} (null when the vendor sets no expiry). {@code videoId} is set when
 * the vendor assigns the id up front.
 */
public record UploadTicket(String uploadUrl, String method, Map<String, String> headers, Instant expiresAt,
                           String videoId) {
    public UploadTicket {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
