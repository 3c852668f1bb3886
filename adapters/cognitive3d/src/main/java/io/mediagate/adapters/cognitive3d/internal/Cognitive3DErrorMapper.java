package io.mediagate.adapters.cognitive3d.internal;

import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorResponse;
import io.mediagate.contracts.spi.http.VendorStatus;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
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
    private static final String DOCTYPE = "<!doctype html";
    private static final String HTML = "<html";
    private static final int HEAD_CHUNK = 64;

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
        requireNotHtml(r);
        return VendorJson.parse(r);
    }

    /**
     * The live video with this id in a 2xx media-list answer, found without building the whole library as a tree;
     * HTML and unreadable bodies fail exactly as {@link #json} fails on them.
     */
    public Optional<JsonNode> liveVideo(VendorResponse r, long mediaId) {
        requireNotHtml(r);
        return Cognitive3DLibraryScan.liveVideo(r, mediaId);
    }

    private static void requireNotHtml(VendorResponse r) {
        if (isHtml(r)) {
            throw ProviderException.unavailable(
                    "Cognitive3D answered an HTML page instead of JSON (HTTP " + r.status() + ")", r.status(), null);
        }
    }

    static boolean isHtml(VendorResponse r) {
        String type = r.headers().getFirst(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
            return true;
        }
        // only the first characters decide: a 2xx body is the whole media library (megabytes for a big one), so
        // only its start is decoded, never all of it
        String head = headAfterWhitespace(r.body(), DOCTYPE.length());
        return head.regionMatches(true, 0, DOCTYPE, 0, DOCTYPE.length())
                || head.regionMatches(true, 0, HTML, 0, HTML.length());
    }

    /**
     * The body's text after its leading whitespace, at least {@code length} characters of it where the body has
     * them, decoded as {@link VendorResponse#bodyText()} decodes (malformed UTF-8 becomes U+FFFD, which is not
     * whitespace).
     */
    private static String headAfterWhitespace(byte[] body, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(HEAD_CHUNK);
        while (true) {
            boolean more = decoder.decode(in, out, true).isOverflow();
            out.flip();
            while (out.hasRemaining() && Character.isWhitespace(out.get(out.position()))) {
                out.get();
            }
            if (!more || out.remaining() >= length) {
                return out.toString();
            }
            // keeps what follows the whitespace; the chunk is far longer than a marker, so each round makes room
            out.compact();
        }
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
