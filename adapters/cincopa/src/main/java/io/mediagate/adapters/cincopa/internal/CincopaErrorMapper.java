package io.mediagate.adapters.cincopa.internal;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.RetryAfter;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.time.Clock;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Every Cincopa answer to one of the closed kinds. Cincopa reports most failures as HTTP 200 with
 * {@code {"success":false,"message":…}}; a bad token is HTTP 403; 429 carries Retry-After (third-party evidence).
 * The vendor's message is kept only when it is one of the known short texts, never echoed wholesale.
 */
public final class CincopaErrorMapper {
    private final Clock clock;

    public CincopaErrorMapper(Clock clock) {
        this.clock = clock;
    }

    /** The JSON of a successful answer, or the mapped failure. */
    public JsonNode successBody(VendorResponse response, String what) {
        int status = response.status();
        if (status == 401 || status == 403) {
            throw new ProviderException(Kind.UNAUTHORIZED, "Cincopa refused the API token (HTTP " + status + ")",
                    null, status, null);
        }
        if (status == 429) {
            throw ProviderException.rateLimited(RetryAfter.parse(response.headers(), clock), status);
        }
        if (status >= 500) {
            throw ProviderException.unavailable("Cincopa answered HTTP " + status, status, null);
        }
        if (status == 404) {
            throw new ProviderException(Kind.NOT_FOUND, what + " not found at Cincopa", null, status, null);
        }
        if (status < 200 || status >= 300) {
            throw new ProviderException(Kind.UPSTREAM_ERROR, "Cincopa answered HTTP " + status, null, status, null);
        }
        JsonNode body = VendorJson.parse(response);
        JsonNode success = body.get("success");
        if (success == null || !success.isBoolean()) {
            throw ProviderException.upstream("Cincopa answered JSON without a success flag", null);
        }
        if (!success.booleanValue()) {
            throw logicalFailure(VendorJson.text(body, "message"), what);
        }
        return body;
    }

    static ProviderException logicalFailure(String message, String what) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("not found") || m.contains("no such") || m.contains("does not exist")) {
            return new ProviderException(Kind.NOT_FOUND, what + " not found at Cincopa", null, 200, null);
        }
        if (m.contains("token") || m.contains("unauthori")) {
            return new ProviderException(Kind.UNAUTHORIZED, "Cincopa refused the API token", null, 200, null);
        }
        if (m.contains("permission") || m.contains("not allowed") || m.contains("forbidden")) {
            return new ProviderException(Kind.FORBIDDEN, "the API token lacks the permission for this", null, 200,
                    null);
        }
        if (m.contains("too many")) {
            return ProviderException.rateLimited(null, 200);
        }
        return new ProviderException(Kind.INVALID_REQUEST, "Cincopa rejected the request"
                + (message == null || message.length() > 120 ? "" : ": " + message), null, 200, null);
    }
}
