package io.mediagate.adapters.parone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** ParOne's answer shapes: "either a data object or a status field" on success, KO texts, guessed routes. */
class ParOneErrorMapperTest {
    private final ParOneErrorMapper mapper = new ParOneErrorMapper(Clock.systemUTC());
    private final ParOneRoute delete = ParOneRoute.parse(
            new ConnectionSpec("c", "parone", URI.create("http://x"), Map.of(), Map.of()),
            "delete-route",
            "DELETE /content/{contentKey}",
            Set.of("DELETE"));

    private static VendorResponse answer(int status, String body) {
        return new VendorResponse(status, new HttpHeaders(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWriteSucceedsWithAnEmptyBodyAStatusAloneOrData() {
        assertThat(mapper.written(answer(204, ""), "video k", delete).isMissingNode())
                .isTrue();
        assertThat(mapper.written(answer(200, ""), "video k", delete).isMissingNode())
                .isTrue();
        assertThat(mapper.written(answer(200, "{\"status\":\"ok\"}"), "video k", delete)
                        .isMissingNode())
                .isTrue();
        assertThat(mapper.written(answer(200, "{\"data\":{\"contentKey\":\"k\"}}"), "upload", null)
                        .path("contentKey")
                        .asString())
                .isEqualTo("k");
    }

    @Test
    void aWriteAnswerWithNeitherStatusNorDataIsUpstream() {
        ProviderException e = catchThrowableOfType(
                ProviderException.class, () -> mapper.written(answer(200, "{\"deleted\":true}"), "video k", delete));
        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
    }

    @Test
    void aReadNeedsDataButNotTheStatusField() {
        assertThat(mapper.data(answer(200, "{\"data\":[]}"), "list").isArray()).isTrue();
        assertThat(catchThrowableOfType(
                                ProviderException.class, () -> mapper.data(answer(200, "{\"status\":\"ok\"}"), "list"))
                        .kind())
                .isEqualTo(Kind.UPSTREAM_ERROR);
    }

    @Test
    void noSuchRouteOnAGuessedRouteIsRefutedAndOnADocumentedOneNotFound() {
        for (int status : new int[] {404, 405}) {
            GuessRefutedException e = catchThrowableOfType(
                    GuessRefutedException.class,
                    () -> mapper.written(
                            answer(status, "{\"error\":\"Not found\",\"status\":\"KO\"}"), "video k", delete));
            assertThat(e.route()).isEqualTo("DELETE /content/{contentKey}");
            assertThat(e.option()).isEqualTo("delete-route");
            assertThat(e.vendorStatus()).isEqualTo(status);
        }
        assertThat(catchThrowableOfType(
                                ProviderException.class,
                                () -> mapper.data(
                                        answer(404, "{\"error\":\"Not found\",\"status\":\"KO\"}"), "video k"))
                        .kind())
                .isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void statusesWithoutACredentialTextFollowTheDefaultLadder() {
        assertThat(readFailure(404, "{\"error\":\"Not found\",\"status\":\"KO\"}")
                        .kind())
                .isEqualTo(Kind.NOT_FOUND);
        assertThat(readFailure(410, "").kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(readFailure(409, "{\"error\":\"exists\",\"status\":\"KO\"}").kind())
                .isEqualTo(Kind.CONFLICT);
        assertThat(readFailure(422, "{\"error\":\"title too long\",\"status\":\"KO\"}")
                        .kind())
                .isEqualTo(Kind.INVALID_REQUEST);
        // a 405 on a documented route is the gateway's wire call, never the caller's mistake
        assertThat(readFailure(405, "").kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(readFailure(302, "").kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(readFailure(503, "<html>maintenance</html>").kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(readFailure(429, "").kind()).isEqualTo(Kind.RATE_LIMITED);
        // a 403 stays FORBIDDEN even when its text names the key it forbids
        assertThat(readFailure(403, "{\"error\":\"API key may not write\",\"status\":\"KO\"}")
                        .kind())
                .isEqualTo(Kind.FORBIDDEN);
    }

    private ProviderException readFailure(int status, String body) {
        return catchThrowableOfType(ProviderException.class, () -> mapper.data(answer(status, body), "video k"));
    }

    @Test
    void koAnswersThatBlameTheCredentialsAreUnauthorizedWhateverTheHttpStatus() {
        for (String error : new String[] {
            "Invalid API key",
            "invalid api secret",
            "Unknown sync code",
            "Unauthorized",
            "Authentication failed",
            "Authorization header required"
        }) {
            for (int status : new int[] {200, 400}) {
                ProviderException e = catchThrowableOfType(
                        ProviderException.class,
                        () -> mapper.data(answer(status, "{\"error\":\"" + error + "\",\"status\":\"KO\"}"), "list"));
                assertThat(e.kind()).as("%s on HTTP %d", error, status).isEqualTo(Kind.UNAUTHORIZED);
                assertThat(e.getMessage()).doesNotContain(error);
            }
        }
        assertThat(catchThrowableOfType(
                                ProviderException.class,
                                () -> mapper.data(
                                        answer(403, "{\"error\":\"Invalid MMI key\",\"status\":\"KO\"}"), "list"))
                        .kind())
                .isEqualTo(Kind.FORBIDDEN);
        assertThat(catchThrowableOfType(
                                ProviderException.class,
                                () -> mapper.data(
                                        answer(200, "{\"error\":\"pageSize too large\",\"status\":\"KO\"}"), "list"))
                        .kind())
                .isEqualTo(Kind.INVALID_REQUEST);
    }
}
