package io.mediagate.contracts.spi.http;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import java.time.Clock;
import java.time.Duration;

/**
 * The default meaning of a vendor's HTTP status, which every adapter's error mapper starts from and overrides only
 * where its vendor's evidence says otherwise (an envelope on HTTP 200, a documented status of its own). One ladder,
 * so the four vendors cannot disagree about what a status means:
 * <ul>
 *   <li>400, 422 → {@link Kind#INVALID_REQUEST}: the vendor refused what the caller asked for;</li>
 *   <li>401 → {@link Kind#UNAUTHORIZED}: the gateway's vendor credentials were refused (the client hears 502);</li>
 *   <li>403 → {@link Kind#FORBIDDEN}: the credentials are fine but may not do this;</li>
 *   <li>404, 410 → {@link Kind#NOT_FOUND}; 409, 412 → {@link Kind#CONFLICT};</li>
 *   <li>429 → {@link Kind#RATE_LIMITED}, with the vendor's {@code Retry-After};</li>
 *   <li>408 and 5xx → {@link Kind#UNAVAILABLE} (retryable; a 503's {@code Retry-After} is kept, RFC 9110 §10.2.3),
 *       except 501 and 505, which say the vendor will never do this: {@link Kind#UPSTREAM_ERROR};</li>
 *   <li>anything else (3xx, 405, 415, other 4xx) → {@link Kind#UPSTREAM_ERROR}: the gateway's wire call is wrong,
 *       which is neither the caller's fault nor the vendor's bad day.</li>
 * </ul>
 */
public final class VendorStatus {
    private VendorStatus() {}

    /** The kind a non-2xx vendor status means by default. */
    public static Kind kind(int status) {
        return switch (status) {
            case 400, 422 -> Kind.INVALID_REQUEST;
            case 401 -> Kind.UNAUTHORIZED;
            case 403 -> Kind.FORBIDDEN;
            case 404, 410 -> Kind.NOT_FOUND;
            case 409, 412 -> Kind.CONFLICT;
            case 429 -> Kind.RATE_LIMITED;
            case 408 -> Kind.UNAVAILABLE;
            case 501, 505 -> Kind.UPSTREAM_ERROR;
            default -> status >= 500 && status < 600 ? Kind.UNAVAILABLE : Kind.UPSTREAM_ERROR;
        };
    }

    /** As {@link #failure(String, VendorResponse, String, String, Clock)} without a vendor reason. */
    public static ProviderException failure(String vendor, VendorResponse response, String what, Clock clock) {
        return failure(vendor, response, what, "", clock);
    }

    /**
     * The default failure for a non-2xx answer.
     *
     * @param vendor   the vendor's name, for the message ("ParOne")
     * @param response the vendor's answer
     * @param what     what the call was about ("video k1"), named when it is not found; null when unknown
     * @param reason   a short vendor reason the adapter checked is safe to repeat (": Invalid json"), or ""
     * @param clock    reads an HTTP-date {@code Retry-After}
     */
    public static ProviderException failure(
            String vendor, VendorResponse response, String what, String reason, Clock clock) {
        int status = response.status();
        Kind kind = kind(status);
        return switch (kind) {
            case RATE_LIMITED -> ProviderException.rateLimited(RetryAfter.parse(response.headers(), clock), status);
            case UNAVAILABLE ->
                failure(
                        kind,
                        vendor + " is unavailable (HTTP " + status + ")" + reason,
                        status == 503 ? RetryAfter.parse(response.headers(), clock) : null,
                        status);
            case NOT_FOUND ->
                failure(
                        kind,
                        (what == null ? vendor + " has no such resource" : what + " not found at " + vendor) + " (HTTP "
                                + status + ")" + reason,
                        null,
                        status);
            case UNAUTHORIZED ->
                failure(
                        kind,
                        vendor + " refused the gateway's credentials (HTTP " + status + ")" + reason,
                        null,
                        status);
            case FORBIDDEN ->
                failure(
                        kind,
                        vendor + " forbids this for the connection's credentials (HTTP " + status + ")" + reason,
                        null,
                        status);
            case INVALID_REQUEST ->
                failure(kind, vendor + " rejected the request (HTTP " + status + ")" + reason, null, status);
            case CONFLICT -> failure(kind, vendor + " reports a conflict (HTTP " + status + ")" + reason, null, status);
            case UPSTREAM_ERROR ->
                failure(kind, vendor + " answered an unexpected HTTP " + status + reason, null, status);
        };
    }

    private static ProviderException failure(Kind kind, String message, Duration retryAfter, int status) {
        return new ProviderException(kind, message, retryAfter, status, null);
    }
}
