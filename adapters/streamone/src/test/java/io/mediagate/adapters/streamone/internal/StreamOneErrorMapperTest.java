package io.mediagate.adapters.streamone.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** StreamOne's envelope decides on HTTP 200; of the HTTP statuses only the infrastructure's keep their meaning. */
class StreamOneErrorMapperTest {
    private final StreamOneErrorMapper mapper = new StreamOneErrorMapper(Clock.systemUTC());

    private static VendorResponse answer(int http, String body, String... headerPairs) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.set(headerPairs[i], headerPairs[i + 1]);
        }
        return new VendorResponse(http, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String envelope(int status) {
        return "{\"header\":{\"status\":" + status + ",\"statusmessage\":\"m\"},\"body\":null}";
    }

    private ProviderException failure(VendorResponse r) {
        return catchThrowableOfType(ProviderException.class, () -> mapper.ok(r, "video v1"));
    }

    @Test
    void theInfrastructuresStatusesKeepTheDefaultMeaning() {
        ProviderException limited = failure(answer(429, "", "Retry-After", "9"));
        assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(9));
        assertThat(failure(answer(502, "<html></html>")).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure(answer(408, "")).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void anyOtherHttpStatusMissedTheApiAndIsNeverNotFoundOrTheCallersFault() {
        // the API answers every failure on HTTP 200 in header.status: a 404 is a wrong base-url, not a missing video
        for (int http : new int[] {400, 401, 403, 404, 409, 410}) {
            ProviderException e = failure(answer(http, envelope(120)));
            assertThat(e.kind()).as("HTTP %d", http).isEqualTo(Kind.UPSTREAM_ERROR);
            assertThat(e.vendorStatus()).isEqualTo(http);
            assertThat(e.getMessage()).contains("base-url");
        }
    }

    @Test
    void theEnvelopeStatusDecidesOnHttp200() {
        assertThat(failure(answer(200, envelope(3))).kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(failure(answer(200, envelope(4))).kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(failure(answer(200, envelope(8))).kind())
                .as("rate limited for failed authentication")
                .isEqualTo(Kind.UNAUTHORIZED);
        assertThat(failure(answer(200, envelope(120))).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(failure(answer(200, envelope(1))).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure(answer(200, envelope(6))).kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(failure(answer(200, "{\"body\":[]}")).kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(mapper.ok(answer(200, envelope(0)), "video v1")
                        .path("header")
                        .path("status")
                        .asInt())
                .isZero();
    }

    @Test
    void aGuessedActionRefutedByTheEnvelopeNamesItsOption() {
        GuessRefutedException e = catchThrowableOfType(
                GuessRefutedException.class,
                () -> mapper.ok(answer(200, envelope(5)), "video v1", "item/delete", "delete-action"));
        assertThat(e.option()).isEqualTo("delete-action");
        assertThat(failure(answer(200, envelope(5))).kind())
                .as("on a documented call")
                .isEqualTo(Kind.INVALID_REQUEST);
    }
}
