package io.mediagate.adapters.cincopa.internal;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorResponse;
import io.mediagate.contracts.spi.http.VendorStatus;
import java.time.Clock;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Every Cincopa answer to one of the closed kinds. Cincopa reports most failures as HTTP 200 with
 * {@code {"success":false,"message":…}}; a bad token is HTTP 403 (the one status Cincopa reads differently from
 * the default ladder, {@link VendorStatus}, which maps every other status, 429's Retry-After included).
 * The message texts are not documented, so what a {@code success:false} means is decided by the call
 * ({@link OnFailure}); a message only refines it when it plainly says "not found" or names a token, permission
 * or rate problem.
 * The vendor's message is kept only when it is short, never echoed wholesale.
 */
public final class CincopaErrorMapper {
    /** What an otherwise unexplained {@code success:false} means for one call, from what the call sends. */
    public enum OnFailure {
        /** The call looks one thing up by its id (a rid, a status_id): the thing does not exist. */
        NOT_FOUND,
        /** The call carries the caller's input (search text, a title, a source URL): the input was refused. */
        CALLER,
        /** The call carries only values the adapter checked or made: the vendor failed, not the caller. */
        UPSTREAM
    }

    private final Clock clock;

    public CincopaErrorMapper(Clock clock) {
        this.clock = clock;
    }

    /** The JSON of a successful answer, or the mapped failure; {@code onFailure} says what success:false means. */
    public JsonNode successBody(VendorResponse response, String what, OnFailure onFailure) {
        int status = response.status();
        if (status == 401 || status == 403) {
            // Cincopa's one override of the default ladder: its docs answer a missing or wrong api_token with 403
            // ("the request will be rejected with a 403 Unauthorized error", CDOC:60, EVIDENCE C1), so a 403 is the
            // token, not a permission: UNAUTHORIZED (502 vendor-unauthorized), never the caller's 403
            throw new ProviderException(
                    Kind.UNAUTHORIZED, "Cincopa refused the API token (HTTP " + status + ")", null, status, null);
        }
        if (!response.is2xx()) {
            throw VendorStatus.failure("Cincopa", response, what, clock);
        }
        JsonNode body = VendorJson.parse(response);
        JsonNode success = body.get("success");
        if (success == null || !success.isBoolean()) {
            throw ProviderException.upstream("Cincopa answered JSON without a success flag", null);
        }
        if (!success.booleanValue()) {
            throw logicalFailure(VendorJson.text(body, "message"), what, onFailure);
        }
        return body;
    }

    static ProviderException logicalFailure(String message, String what, OnFailure onFailure) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("not found") || m.contains("no such") || m.contains("does not exist")) {
            return new ProviderException(Kind.NOT_FOUND, what + " not found at Cincopa", null, 200, null);
        }
        if (m.contains("token") || m.contains("unauthori")) {
            return new ProviderException(Kind.UNAUTHORIZED, "Cincopa refused the API token", null, 200, null);
        }
        if (m.contains("permission") || m.contains("not allowed") || m.contains("forbidden")) {
            return new ProviderException(
                    Kind.FORBIDDEN, "the API token lacks the permission for this", null, 200, null);
        }
        if (m.contains("too many")) {
            return ProviderException.rateLimited(null, 200);
        }
        String reason = message == null || message.isBlank() || message.length() > 120 ? "" : ": " + message;
        return switch (onFailure) {
            case NOT_FOUND -> new ProviderException(Kind.NOT_FOUND, what + " not found at Cincopa", null, 200, null);
            case CALLER ->
                new ProviderException(Kind.INVALID_REQUEST, "Cincopa rejected the request" + reason, null, 200, null);
            case UPSTREAM ->
                new ProviderException(
                        Kind.UPSTREAM_ERROR, "Cincopa failed the call for " + what + reason, null, 200, null);
        };
    }
}
