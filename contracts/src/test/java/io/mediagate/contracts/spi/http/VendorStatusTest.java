package io.mediagate.contracts.spi.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;

/** The default status ladder every adapter starts from: one row per status it names, and what falls through. */
class VendorStatusTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static VendorResponse answer(int status, String... headerPairs) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.set(headerPairs[i], headerPairs[i + 1]);
        }
        return new VendorResponse(status, headers, "".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
        "400, INVALID_REQUEST",
        "422, INVALID_REQUEST",
        "401, UNAUTHORIZED",
        "403, FORBIDDEN",
        "404, NOT_FOUND",
        "410, NOT_FOUND",
        "409, CONFLICT",
        "412, CONFLICT",
        "429, RATE_LIMITED",
        "408, UNAVAILABLE",
        "500, UNAVAILABLE",
        "502, UNAVAILABLE",
        "503, UNAVAILABLE",
        "504, UNAVAILABLE",
        "507, UNAVAILABLE",
        "599, UNAVAILABLE",
        "501, UPSTREAM_ERROR",
        "505, UPSTREAM_ERROR",
        "301, UPSTREAM_ERROR",
        "304, UPSTREAM_ERROR",
        "405, UPSTREAM_ERROR",
        "406, UPSTREAM_ERROR",
        "413, UPSTREAM_ERROR",
        "415, UPSTREAM_ERROR",
        "418, UPSTREAM_ERROR",
        "451, UPSTREAM_ERROR",
        "100, UPSTREAM_ERROR",
        "600, UPSTREAM_ERROR"
    })
    void eachStatusMapsToItsKind(int status, Kind kind) {
        assertThat(VendorStatus.kind(status)).isEqualTo(kind);
        ProviderException e = VendorStatus.failure("Acme", answer(status), "video v1", CLOCK);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.vendorStatus()).isEqualTo(status);
    }

    @Test
    void rateLimitsAndUnavailabilityCarryTheVendorsRetryAfter() {
        assertThat(VendorStatus.failure("Acme", answer(429, "Retry-After", "12"), null, CLOCK)
                        .retryAfter())
                .isEqualTo(Duration.ofSeconds(12));
        assertThat(VendorStatus.failure(
                                "Acme", answer(429, "Retry-After", "Thu, 01 Jan 2026 00:01:00 GMT"), null, CLOCK)
                        .retryAfter())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(VendorStatus.failure("Acme", answer(429), null, CLOCK).retryAfter())
                .isNull();
        assertThat(VendorStatus.failure("Acme", answer(503, "Retry-After", "30"), null, CLOCK)
                        .retryAfter())
                .isEqualTo(Duration.ofSeconds(30));
        // a Retry-After on other statuses is not a promise the vendor makes (RFC 9110 §10.2.3: 503 and 3xx)
        assertThat(VendorStatus.failure("Acme", answer(500, "Retry-After", "30"), null, CLOCK)
                        .retryAfter())
                .isNull();
        assertThat(VendorStatus.failure("Acme", answer(404, "Retry-After", "30"), null, CLOCK)
                        .retryAfter())
                .isNull();
    }

    @Test
    void messagesNameTheVendorWhatWasMissingAndTheSafeReason() {
        assertThat(VendorStatus.failure("Acme", answer(404), "video v1", CLOCK).getMessage())
                .isEqualTo("video v1 not found at Acme (HTTP 404)");
        assertThat(VendorStatus.failure("Acme", answer(404), null, CLOCK).getMessage())
                .isEqualTo("Acme has no such resource (HTTP 404)");
        assertThat(VendorStatus.failure("Acme", answer(400), null, ": Invalid json", CLOCK)
                        .getMessage())
                .isEqualTo("Acme rejected the request (HTTP 400): Invalid json");
        assertThat(VendorStatus.failure("Acme", answer(401), null, CLOCK).getMessage())
                .contains("Acme")
                .contains("credentials");
    }

    @Test
    void unauthorizedIsTheGatewaysCredentialsSoTheClientHears502NotItsOwn401() {
        ProviderException e = VendorStatus.failure("Acme", answer(401), null, CLOCK);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.problemType()).isEqualTo("vendor-unauthorized");
        assertThat(e.retryable()).isFalse();
    }
}
