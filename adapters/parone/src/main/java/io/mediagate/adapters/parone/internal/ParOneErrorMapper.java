package io.mediagate.adapters.parone.internal;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.RetryAfter;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.time.Clock;
import tools.jackson.databind.JsonNode;

/**
 * ParOne answers to the closed kinds: the {@code {"status":"ok","data":…}} envelope is success, the
 * {@code {"error":…,"status":"KO"}} envelope failure, classified by HTTP status (the docs name only 429; the
 * rest follows HTTP and is mirrored in the simulator).
 */
public final class ParOneErrorMapper {
    private final Clock clock;

    public ParOneErrorMapper(Clock clock) {
        this.clock = clock;
    }

    /** The {@code data} member of a successful answer, or the mapped failure. */
    public JsonNode data(VendorResponse response, String what) {
        int status = response.status();
        if (status == 429) {
            throw ProviderException.rateLimited(RetryAfter.parse(response.headers(), clock), status);
        }
        if (status >= 500) {
            throw ProviderException.unavailable("ParOne answered HTTP " + status, status, null);
        }
        if (status == 401) {
            throw new ProviderException(Kind.UNAUTHORIZED, "ParOne refused the credentials", null, status, null);
        }
        if (status == 403) {
            throw new ProviderException(Kind.FORBIDDEN, "ParOne forbids this for these credentials", null, status,
                    null);
        }
        if (status == 404) {
            throw new ProviderException(Kind.NOT_FOUND, what + " not found at ParOne", null, status, null);
        }
        if (status == 409) {
            throw new ProviderException(Kind.CONFLICT, "ParOne reports a conflict", null, status, null);
        }
        if (status >= 400) {
            throw new ProviderException(Kind.INVALID_REQUEST, "ParOne rejected the request (HTTP " + status + ")",
                    null, status, null);
        }
        JsonNode body = VendorJson.parse(response);
        String envelope = VendorJson.text(body, "status");
        if ("KO".equalsIgnoreCase(envelope)) {
            throw new ProviderException(Kind.INVALID_REQUEST, "ParOne answered KO", null, status, null);
        }
        if (!"ok".equalsIgnoreCase(envelope) || !body.has("data")) {
            throw ProviderException.upstream("ParOne answered without its ok/data envelope", null);
        }
        return body.get("data");
    }
}
