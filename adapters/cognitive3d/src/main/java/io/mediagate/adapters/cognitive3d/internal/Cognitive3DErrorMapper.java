package io.mediagate.adapters.cognitive3d.internal;

import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorResponse;
import io.mediagate.contracts.spi.http.VendorStatus;
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

    /**
     * The exception for a non-2xx answer to a documented route: the default ladder ({@link VendorStatus}), with the
     * vendor's short plain-text reason, and one override: an HTML page on a status the ladder cannot place is the
     * load balancer or a maintenance page in front of the API, which passes (UNAVAILABLE, not UPSTREAM_ERROR).
     */
    public ProviderException toException(VendorResponse r) {
        ProviderException byDefault = VendorStatus.failure("Cognitive3D", r, null, detail(r), clock);
        if (byDefault.kind() == Kind.UPSTREAM_ERROR && isHtml(r)) {
            return ProviderException.unavailable(
                    "Cognitive3D is unavailable (HTTP " + r.status() + ")", r.status(), null);
        }
        return byDefault;
    }

    /**
     * The JSON body of a 2xx answer. An HTML page where JSON was promised is a proxy or maintenance page in front
     * of the API, which passes: UNAVAILABLE. Anything else unreadable is UPSTREAM_ERROR without vendor text.
     */
    public JsonNode json(VendorResponse r) {
        if (isHtml(r)) {
            throw ProviderException.unavailable(
                    "Cognitive3D answered an HTML page instead of JSON (HTTP " + r.status() + ")", r.status(), null);
        }
        return VendorJson.parse(r);
    }

    static boolean isHtml(VendorResponse r) {
        String type = r.headers().getFirst(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
            return true;
        }
        // only the first characters decide: a 2xx body is the whole media library (megabytes for a big one), and
        // lower-casing all of it was the largest single cost of an uncached read
        String body = r.bodyText();
        int start = 0;
        while (start < body.length() && Character.isWhitespace(body.charAt(start))) {
            start++;
        }
        return body.regionMatches(true, start, "<!doctype html", 0, 14)
                || body.regionMatches(true, start, "<html", 0, 5);
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
