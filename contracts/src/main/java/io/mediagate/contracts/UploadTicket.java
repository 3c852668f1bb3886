package io.mediagate.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * Where and how the caller uploads the file itself: send {@code method} to {@code uploadUrl} with
 * {@code headers}, before {@code expiresAt} (null when the vendor sets no expiry). When {@code formFields} is not
 * empty the upload is a {@code multipart/form-data} request carrying those fields beside the file (StreamOne's
 * upload token, for instance). {@code videoId} is set when the vendor assigns the id up front.
 */
public record UploadTicket(
        String uploadUrl,
        String method,
        Map<String, String> headers,
        Instant expiresAt,
        String videoId,
        Map<String, String> formFields) {
    public UploadTicket {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        formFields = formFields == null ? Map.of() : Map.copyOf(formFields);
    }

    /** A ticket for a plain upload (the file is the request body). */
    public UploadTicket(
            String uploadUrl, String method, Map<String, String> headers, Instant expiresAt, String videoId) {
        this(uploadUrl, method, headers, expiresAt, videoId, Map.of());
    }
}
