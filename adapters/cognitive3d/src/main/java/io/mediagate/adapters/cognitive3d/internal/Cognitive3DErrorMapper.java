package io.mediagate.adapters.cognitive3d.internal;

import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.RetryAfter;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Every Cognitive3D failure shape mapped to one {@link Kind}, in one place. The vendor has no JSON error schema:
 * bodies are short plain text ("Unauthorized", "Invalid json"), and load-balancer failures are HTML pages
 * (notes §2.4). Official clients key only off the status, and so do we.
 */
public final class Cognitive3DErrorMapper {
    private static final int MAX_DETAIL = 120;

    private final Clock clock;
    private final Set<String> secrets;

    public Cognitive3DErrorMapper(Clock clock, Set<String> secrets) {
        this.clock = clock;
        this.secrets = Set.copyOf(secrets);
    }

    /**
     * The exception for a non-2xx answer to a guessed route (one no vendor documentation shows). The vendor has no
     * error schema, so its 404 cannot tell "no such media" from "no such route"; on a guessed route a 404 or 405
     * is taken as the route's refutation, never as a missing video (the caller has already found the video
     * through the documented list). Other statuses map as on documented routes.
     */
    public ProviderException toExceptionOnGuessedRoute(VendorResponse r, String route, String option) {
        if (r.status() == 404 || r.status() == 405) {
            return new GuessRefutedException(route, option, r.status());
        }
        return toException(r);
    }

    /** The exception for a non-2xx answer to a documented route. */
    public ProviderException toException(VendorResponse r) {
        int status = r.status();
        return switch (status) {
            case 401 -> new ProviderException(Kind.UNAUTHORIZED,
                    "Cognitive3D refused the organisation key (HTTP 401)", null, status, null);
            case 403 -> new ProviderException(Kind.FORBIDDEN,
                    "the organisation key may not access this project or media (HTTP 403)", null, status, null);
            case 404 -> new ProviderException(Kind.NOT_FOUND, "Cognitive3D has no such resource (HTTP 404)",
                    null, status, null);
            case 400, 413, 415, 422 -> new ProviderException(Kind.INVALID_REQUEST,
                    "Cognitive3D rejected the request (HTTP " + status + ")" + detail(r), null, status, null);
            case 409 -> new ProviderException(Kind.CONFLICT, "Cognitive3D reported a conflict (HTTP 409)"
                    + detail(r), null, status, null);
            case 429 -> ProviderException.rateLimited(RetryAfter.parse(r.headers(), clock), status);
            default -> status >= 500 || isHtml(r)
                    ? ProviderException.unavailable("Cognitive3D is unavailable (HTTP " + status + ")", status, null)
                    : new ProviderException(Kind.UPSTREAM_ERROR,
                            "Cognitive3D answered an unexpected HTTP " + status, null, status, null);
        };
    }

    /**
     * The JSON body of a 2xx answer. An HTML page where JSON was promised is a proxy or maintenance page in front
     * of the API, which passes: UNAVAILABLE. Anything else unreadable is UPSTREAM_ERROR without vendor text.
     */
    public JsonNode json(VendorResponse r) {
        if (isHtml(r)) {
            throw ProviderException.unavailable("Cognitive3D answered an HTML page instead of JSON (HTTP "
                    + r.status() + ")", r.status(), null);
        }
        return VendorJson.parse(r);
    }

    static boolean isHtml(VendorResponse r) {
        String type = r.headers().getFirst(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
            return true;
        }
        String start = r.bodyText().stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    /** The vendor's short plain-text reason (e.g. "Invalid json"), never HTML, never a credential. */
    private String detail(VendorResponse r) {
        String text = r.bodyText().strip();
        if (text.isEmpty() || text.length() > MAX_DETAIL || text.contains("\n") || isHtml(r)) {
            return "";
        }
        for (String secret : secrets) {
            if (text.contains(secret)) {
                return "";
            }
        }
        return ": " + text;
    }
}
