package io.mediagate.adapters.streamone.internal;

import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorResponse;
import io.mediagate.contracts.spi.http.VendorStatus;
import java.time.Clock;
import tools.jackson.databind.JsonNode;

/**
 * StreamOne answers to the closed kinds. Errors arrive on HTTP 200 as {@code header.status} codes (SDK
 * {@code Status.php}); HTTP-level 429/5xx come from the infrastructure in front of the API and keep the default
 * meaning ({@link VendorStatus}).
 */
public final class StreamOneErrorMapper {
    private final Clock clock;

    public StreamOneErrorMapper(Clock clock) {
        this.clock = clock;
    }

    /** The whole answer ({@code header} and {@code body}) when {@code header.status} is 0, else the mapped failure. */
    public JsonNode ok(VendorResponse response, String what) {
        return ok(response, what, null, null);
    }

    /**
     * As {@link #ok(VendorResponse, String)} for a call that rests on a guess ({@code guessedCall}, selected by
     * connection option {@code option}): status 5 (invalid action), 7 (unknown parameter) or 90 (invalid action
     * type) is the vendor saying the guess is wrong, a {@link GuessRefutedException}, not the caller's mistake.
     */
    public JsonNode ok(VendorResponse response, String what, String guessedCall, String option) {
        int http = response.status();
        if (http != 200) {
            throw httpFailure(response);
        }
        JsonNode answer = VendorJson.parse(response);
        JsonNode header = answer.get("header");
        if (header == null
                || !header.path("status").isInt()
                || !header.path("statusmessage").isString()
                || !answer.has("body")) {
            throw ProviderException.upstream("StreamOne answered without its header/body envelope", null);
        }
        int status = header.get("status").asInt();
        if (status != 0) {
            if (guessedCall != null && (status == 5 || status == 7 || status == 90)) {
                throw new GuessRefutedException(guessedCall, option, status);
            }
            throw failure(status, what);
        }
        return answer;
    }

    /**
     * A non-200 HTTP answer. The API itself reports every failure on HTTP 200 in {@code header.status} (SDK
     * {@code RequestBase.php}), so only what the infrastructure in front of it says keeps its default meaning
     * ({@link VendorStatus}: 429 and 408/5xx). Any other status means the request did not reach the API (a wrong
     * {@code base-url} or path): UPSTREAM_ERROR, never "not found" or the caller's mistake, whatever the status.
     */
    ProviderException httpFailure(VendorResponse response) {
        ProviderException byDefault = VendorStatus.failure("StreamOne", response, null, clock);
        if (byDefault.kind() == Kind.RATE_LIMITED || byDefault.kind() == Kind.UNAVAILABLE) {
            return byDefault;
        }
        return new ProviderException(
                Kind.UPSTREAM_ERROR,
                "StreamOne answered HTTP " + response.status() + " outside its API envelope; check base-url",
                null,
                response.status(),
                null);
    }

    static ProviderException failure(int status, String what) {
        return switch (status) {
            case 1 ->
                new ProviderException(Kind.UNAVAILABLE, "StreamOne reported an internal error", null, status, null);
            case 2 ->
                new ProviderException(
                        Kind.UNAUTHORIZED,
                        "StreamOne refused the request timestamp; check the " + "gateway clock (options.clock-skew)",
                        null,
                        status,
                        null);
            case 3 ->
                new ProviderException(
                        Kind.UNAUTHORIZED, "StreamOne refused the signature (actor or key)", null, status, null);
            case 4 ->
                new ProviderException(
                        Kind.FORBIDDEN, "the StreamOne actor lacks the token for this action", null, status, null);
            // RATE_LIMITED "due to invalid authentication" (Status.php): the credentials, not the pace, are wrong
            case 8 ->
                new ProviderException(
                        Kind.UNAUTHORIZED,
                        "StreamOne is refusing this actor after failed "
                                + "authentication (status 8); check actor-id and psk",
                        null,
                        status,
                        null);
            case 10 -> new ProviderException(Kind.UNAVAILABLE, "StreamOne is in read-only mode", null, status, null);
            case 120, 121, 122, 190 ->
                new ProviderException(Kind.NOT_FOUND, what + " not found at StreamOne", null, status, null);
            case 250, 260, 290, 310 ->
                new ProviderException(
                        Kind.FORBIDDEN,
                        "StreamOne does not know the configured " + "account, customer or actor (status " + status
                                + ")",
                        null,
                        status,
                        null);
            default ->
                new ProviderException(
                        Kind.INVALID_REQUEST,
                        "StreamOne rejected the request (status " + status + ")",
                        null,
                        status,
                        null);
        };
    }
}
