package io.mediagate.adapters.cincopa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mediagate.adapters.cincopa.internal.CincopaErrorMapper.OnFailure;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** {@code success:false} means what the call makes of it: Cincopa's message texts are not documented. */
class CincopaErrorMapperTest {
    private final CincopaErrorMapper mapper = new CincopaErrorMapper(Clock.systemUTC());

    private ProviderException failure(int status, String body, String... headerPairs) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.set(headerPairs[i], headerPairs[i + 1]);
        }
        VendorResponse r = new VendorResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
        return catchThrowableOfType(
                ProviderException.class, () -> mapper.successBody(r, "video AbC", OnFailure.NOT_FOUND));
    }

    @Test
    void a403IsTheTokenAsCincopaDocumentsNotAPermission() {
        // CDOC:60: "Without the valid api_token, the request will be rejected with a 403 Unauthorized error"
        for (int status : new int[] {401, 403}) {
            ProviderException e = failure(status, "{\"success\":false,\"message\":\"Unauthorized\"}");
            assertThat(e.kind()).as("HTTP %d", status).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(e.vendorStatus()).isEqualTo(status);
        }
    }

    @Test
    void everyOtherStatusFollowsTheDefaultLadder() {
        assertThat(failure(400, "").kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(failure(404, "").kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(failure(404, "").getMessage()).contains("video AbC");
        assertThat(failure(409, "").kind()).isEqualTo(Kind.CONFLICT);
        assertThat(failure(405, "").kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(failure(502, "<html></html>").kind()).isEqualTo(Kind.UNAVAILABLE);
        ProviderException limited = failure(429, "", "Retry-After", "7");
        assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void theSuccessFlagStillDecidesOnHttp200() {
        assertThat(failure(200, "{\"success\":false,\"message\":\"Invalid api_token\"}")
                        .kind())
                .isEqualTo(Kind.UNAUTHORIZED);
        assertThat(failure(200, "{\"success\":false,\"message\":\"Invalid rid\"}")
                        .kind())
                .isEqualTo(Kind.NOT_FOUND);
        assertThat(failure(200, "{\"items\":[]}").kind()).isEqualTo(Kind.UPSTREAM_ERROR);
    }

    @Test
    void aNeutralRefusalMapsByWhatTheCallSends() {
        for (String neutral : new String[] {"Invalid rid", "Error", "", null}) {
            assertThat(CincopaErrorMapper.logicalFailure(neutral, "video AbC", OnFailure.NOT_FOUND)
                            .kind())
                    .isEqualTo(Kind.NOT_FOUND);
            assertThat(CincopaErrorMapper.logicalFailure(neutral, "video AbC", OnFailure.CALLER)
                            .kind())
                    .isEqualTo(Kind.INVALID_REQUEST);
            ProviderException upstream = CincopaErrorMapper.logicalFailure(neutral, "video AbC", OnFailure.UPSTREAM);
            assertThat(upstream.kind())
                    .as("a refusal of a checked call is not the caller's fault")
                    .isEqualTo(Kind.UPSTREAM_ERROR);
            assertThat(upstream.getMessage()).contains("video AbC");
        }
    }

    @Test
    void plainWordsForTokensPermissionsAndRatesStillRefineAnyCall() {
        for (OnFailure context : OnFailure.values()) {
            assertThat(CincopaErrorMapper.logicalFailure("Invalid api_token", "x", context)
                            .kind())
                    .isEqualTo(Kind.UNAUTHORIZED);
            assertThat(CincopaErrorMapper.logicalFailure("No permission for asset.delete", "x", context)
                            .kind())
                    .isEqualTo(Kind.FORBIDDEN);
            assertThat(CincopaErrorMapper.logicalFailure("Too many requests", "x", context)
                            .kind())
                    .isEqualTo(Kind.RATE_LIMITED);
            assertThat(CincopaErrorMapper.logicalFailure("Asset not found", "x", context)
                            .kind())
                    .isEqualTo(Kind.NOT_FOUND);
        }
    }

    @Test
    void longVendorTextIsNotEchoed() {
        String chatter = "x".repeat(200);
        assertThat(CincopaErrorMapper.logicalFailure(chatter, "import", OnFailure.CALLER)
                        .getMessage())
                .doesNotContain(chatter);
    }
}
