package io.mediagate.adapters.cognitive3d.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Cognitive3D's plain-text and HTML failures, each to exactly one kind. */
class Cognitive3DErrorMapperTest {
    private static final String KEY = "orgkey-secret-123";
    private final Cognitive3DErrorMapper mapper =
            new Cognitive3DErrorMapper(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), Set.of(KEY));

    private static VendorResponse answer(int status, String contentType, String body, String... headerPairs) {
        HttpHeaders headers = new HttpHeaders();
        if (contentType != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        }
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.set(headerPairs[i], headerPairs[i + 1]);
        }
        return new VendorResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainTextStatusesMapToTheirKinds() {
        assertThat(mapper.toException(answer(401, "text/plain", "Unauthorized")).kind())
                .isEqualTo(Kind.UNAUTHORIZED);
        assertThat(mapper.toException(answer(403, "text/plain", "Forbidden")).kind())
                .isEqualTo(Kind.FORBIDDEN);
        assertThat(mapper.toException(answer(404, "text/plain", "Not Found")).kind())
                .isEqualTo(Kind.NOT_FOUND);
        assertThat(mapper.toException(answer(409, "text/plain", "Conflict")).kind())
                .isEqualTo(Kind.CONFLICT);
        assertThat(mapper.toException(answer(503, "text/plain", "")).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(mapper.toException(answer(418, "text/plain", "teapot")).kind())
                .isEqualTo(Kind.UPSTREAM_ERROR);
    }

    @Test
    void statusesFollowTheDefaultLadderOnlyHtmlIsCognitive3DsOwn() {
        assertThat(mapper.toException(answer(410, "text/plain", "Gone")).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(mapper.toException(answer(412, "text/plain", "")).kind()).isEqualTo(Kind.CONFLICT);
        assertThat(mapper.toException(answer(422, "text/plain", "bad")).kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(mapper.toException(answer(415, "text/plain", "")).kind())
                .as("the adapter's content type")
                .isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(mapper.toException(answer(501, "text/plain", "")).kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        // the load balancer's HTML page on a status the ladder cannot place: it passes
        assertThat(mapper.toException(answer(501, "text/html", "<html></html>")).kind())
                .isEqualTo(Kind.UNAVAILABLE);
        assertThat(mapper.toException(answer(403, "text/html", "<html></html>")).kind())
                .isEqualTo(Kind.FORBIDDEN);
    }

    @Test
    void onAGuessedRouteA404Or405IsARefutedGuessNeverAMissingVideo() {
        for (int status : new int[] {404, 405}) {
            ProviderException e = mapper.toExceptionOnGuessedRoute(
                    answer(status, "text/plain", "Not Found"),
                    "PUT /projects/{projectId}/media/{mediaId}",
                    "update-route");
            assertThat(e).isInstanceOfSatisfying(GuessRefutedException.class, refuted -> {
                assertThat(refuted.route()).isEqualTo("PUT /projects/{projectId}/media/{mediaId}");
                assertThat(refuted.option()).isEqualTo("update-route");
            });
            assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
            assertThat(e.vendorStatus()).isEqualTo(status);
        }
        // other answers mean what they mean on any route
        assertThat(mapper.toExceptionOnGuessedRoute(answer(403, "text/plain", "Forbidden"), "PUT /x", "o")
                        .kind())
                .isEqualTo(Kind.FORBIDDEN);
        assertThat(mapper.toExceptionOnGuessedRoute(answer(429, "text/plain", ""), "PUT /x", "o")
                        .kind())
                .isEqualTo(Kind.RATE_LIMITED);
        assertThat(mapper.toException(answer(404, "text/plain", "Not Found")))
                .isNotInstanceOf(GuessRefutedException.class);
    }

    @Test
    void badRequestCarriesTheVendorsShortReasonButNeverTheKey() {
        ProviderException invalid = mapper.toException(answer(400, "text/plain", "Invalid json"));
        assertThat(invalid.kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(invalid.getMessage()).endsWith(": Invalid json");
        ProviderException echoing = mapper.toException(answer(400, "text/plain", "bad header " + KEY));
        assertThat(echoing.getMessage()).doesNotContain(KEY);
    }

    @Test
    void rateLimitReadsRetryAfterWhenPresentAndLeavesItNullOtherwise() {
        ProviderException with =
                mapper.toException(answer(429, "text/plain", "Too Many Requests", "Retry-After", "12"));
        assertThat(with.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(with.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        assertThat(mapper.toException(answer(429, "text/plain", "")).retryAfter())
                .isNull();
    }

    @Test
    void htmlPagesOnSuccessOrUnmappedStatusesAreUnavailable() {
        String page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        assertThat(mapper.toException(answer(502, "text/html", page)).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(mapper.toException(answer(400, null, "<!DOCTYPE html><html></html>"))
                        .kind())
                .isEqualTo(Kind.INVALID_REQUEST);
        assertThat(mapper.toException(answer(451, "text/html", page)).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(catchThrowableOfType(
                                ProviderException.class,
                                () -> mapper.json(answer(200, "text/html; charset=utf-8", page)))
                        .kind())
                .isEqualTo(Kind.UNAVAILABLE);
        // without a content type the body's start decides, whatever its case and leading whitespace
        for (String body : new String[] {" \r\n\t<!DOCTYPE HTML><html></html>", "<HtMl lang=en>", "\n<html>"}) {
            assertThat(catchThrowableOfType(ProviderException.class, () -> mapper.json(answer(200, null, body)))
                            .kind())
                    .as(body)
                    .isEqualTo(Kind.UNAVAILABLE);
        }
        assertThat(mapper.json(answer(200, null, " [{\"html\": \"<html>\"}]")).isArray())
                .isTrue();
    }

    @Test
    void theHtmlSniffDecidesAsDecodingTheWholeBodyDid() {
        String[] spaces = {" ", "\t", "\n", "\r", "\u2003", "\u3000", "\u001C", "\u00A0", "\uFEFF", "\u0085"};
        String[] pieces = {
            "<html",
            "<HTML>",
            "<!doctype html>",
            "<!DocType HTML",
            "<!doctype htm",
            "<htm",
            "<",
            "[",
            "é",
            "😀",
            "x",
            "ſ",
            "İ",
            " "
        };
        byte[] broken = {(byte) 0xFF, (byte) 0xC3, (byte) 0xE2, (byte) 0x82, (byte) 0xF0, (byte) 0x9F};
        Random random = new Random(11);
        int html = 0;
        for (int i = 0; i < 20_000; i++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            // leading whitespace, now and then longer than the part of the body the sniff decodes at a time
            int leading = random.nextInt(4) == 0 ? random.nextInt(200) : random.nextInt(3);
            for (int j = 0; j < leading; j++) {
                body.writeBytes(spaces[random.nextInt(random.nextInt(8) == 0 ? spaces.length : 3)].getBytes(
                        StandardCharsets.UTF_8));
            }
            for (int j = random.nextInt(4); j > 0; j--) {
                if (random.nextInt(6) == 0) {
                    body.write(broken[random.nextInt(broken.length)]);
                } else {
                    body.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] bytes = body.toByteArray();
            boolean sniffed = Cognitive3DErrorMapper.isHtml(new VendorResponse(200, new HttpHeaders(), bytes));
            assertThat(sniffed)
                    .as("%s", new String(bytes, StandardCharsets.UTF_8))
                    .isEqualTo(htmlWhenWholeBodyIsDecoded(bytes));
            html += sniffed ? 1 : 0;
        }
        assertThat(html).isGreaterThan(2_000);
    }

    /** The sniff as it was before it decoded only the body's start: the oracle for the one that does. */
    private static boolean htmlWhenWholeBodyIsDecoded(byte[] bytes) {
        String body = new String(bytes, StandardCharsets.UTF_8);
        int start = 0;
        while (start < body.length() && Character.isWhitespace(body.charAt(start))) {
            start++;
        }
        return body.regionMatches(true, start, "<!doctype html", 0, 14)
                || body.regionMatches(true, start, "<html", 0, 5);
    }

    @Test
    void malformedJsonIsUpstreamErrorWithoutVendorText() {
        ProviderException e = catchThrowableOfType(
                ProviderException.class, () -> mapper.json(answer(200, "application/json", "[{\"id\":" + KEY)));
        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.getMessage()).doesNotContain(KEY);
    }
}
