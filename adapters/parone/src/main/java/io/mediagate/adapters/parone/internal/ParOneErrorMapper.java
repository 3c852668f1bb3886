package io.mediagate.adapters.parone.internal;

import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorResponse;
import io.mediagate.contracts.spi.http.VendorStatus;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * ParOne answers to the closed kinds. ParOne's overview: "Successful responses typically include either a data
 * object or a status field. Error responses include an error field" ({@code {"error":…,"status":"KO"}}, its own
 * example being "Invalid API key"). Failures are classified by HTTP status with the default ladder
 * ({@link VendorStatus}; the docs name only 429) and, since the docs do not say which HTTP status an auth error
 * carries, a {@code KO} whose error names the credentials is {@code UNAUTHORIZED} whatever the status (but 403),
 * never the caller's mistake; a {@code KO} on a 2xx is the request's fault.
 */
public final class ParOneErrorMapper {
    /** Error texts that blame the connection's credentials (the docs' own example is "Invalid API key"). */
    private static final Pattern CREDENTIALS = Pattern.compile(
            "api[ _-]?key|api[ _-]?secret|sync[ _-]?code|unauthori[sz]ed|authenticat|credential|api token|"
                    + "authorization");

    private final Clock clock;

    public ParOneErrorMapper(Clock clock) {
        this.clock = clock;
    }

    /** The {@code data} member of a successful read, or the mapped failure. Reads need {@code data}. */
    public JsonNode data(VendorResponse response, String what) {
        JsonNode body = success(response, what);
        if (body.isMissingNode() || !body.has("data")) {
            throw ProviderException.upstream("ParOne answered a read without its data member", null);
        }
        return body.get("data");
    }

    /**
     * A write's answer: any 2xx whose body is empty, a status field ({@code {"status":"ok"}}) or a {@code data}
     * object succeeds, and its {@code data} (or a missing node) comes back. {@code guessed} is the route when it
     * rests on a guess: its 404 or 405 is "no such route", a {@link GuessRefutedException} naming the option.
     */
    public JsonNode written(VendorResponse response, String what, ParOneRoute guessed) {
        if (guessed != null && (response.status() == 404 || response.status() == 405)) {
            throw new GuessRefutedException(guessed.toString(), guessed.option(), response.status());
        }
        JsonNode body = success(response, what);
        if (body.isMissingNode()) {
            return body;
        }
        if (!body.has("data") && !body.has("status")) {
            throw ProviderException.upstream("ParOne answered a write with neither a status nor data", null);
        }
        return body.has("data") ? body.get("data") : MissingNode.getInstance();
    }

    /** The parsed body of a 2xx answer that is not a {@code KO} (a missing node when empty), else the failure. */
    private JsonNode success(VendorResponse response, String what) {
        int status = response.status();
        if (status == 429 || status >= 500 || status >= 300 && status < 400) {
            // nothing of ParOne's envelope to read: the default ladder decides alone
            throw VendorStatus.failure("ParOne", response, what, clock);
        }
        JsonNode body = status < 300 && response.body().length == 0
                ? MissingNode.getInstance()
                : status < 300 ? VendorJson.parse(response) : lenient(response);
        String error = body.isObject() ? VendorJson.text(body, "error") : null;
        boolean ko = body.isObject() && "KO".equalsIgnoreCase(VendorJson.text(body, "status"));
        if (status < 300 && !ko) {
            return body;
        }
        // a KO, or a 4xx: the vendor's error text is read, never repeated (it may echo what was sent). The envelope
        // overrides the status only where it blames the credentials, which the docs give no status for (their own
        // example, "Invalid API key"); a 403 stays FORBIDDEN, since its text may name the key it forbids
        if (status != 403 && blamesCredentials(error)) {
            throw new ProviderException(Kind.UNAUTHORIZED, "ParOne refused the credentials", null, status, null);
        }
        if (status < 300) {
            throw new ProviderException(Kind.INVALID_REQUEST, "ParOne answered KO", null, status, null);
        }
        throw VendorStatus.failure("ParOne", response, what, clock);
    }

    static boolean blamesCredentials(String error) {
        return error != null
                && CREDENTIALS.matcher(error.toLowerCase(Locale.ROOT)).find();
    }

    /** An error answer's JSON, or a missing node when it has none (the status alone then decides). */
    private static JsonNode lenient(VendorResponse response) {
        try {
            return VendorJson.parse(response);
        } catch (ProviderException notJson) {
            return MissingNode.getInstance();
        }
    }
}
