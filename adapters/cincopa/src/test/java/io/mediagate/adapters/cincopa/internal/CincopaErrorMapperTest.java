package io.mediagate.adapters.cincopa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.adapters.cincopa.internal.CincopaErrorMapper.OnFailure;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import org.junit.jupiter.api.Test;

/** {@code success:false} means what the call makes of it: Cincopa's message texts are not documented. */
class CincopaErrorMapperTest {

    @Test
    void aNeutralRefusalMapsByWhatTheCallSends() {
        for (String neutral : new String[] {"Invalid rid", "Error", "", null}) {
            assertThat(CincopaErrorMapper.logicalFailure(neutral, "video AbC", OnFailure.NOT_FOUND).kind())
                    .isEqualTo(Kind.NOT_FOUND);
            assertThat(CincopaErrorMapper.logicalFailure(neutral, "video AbC", OnFailure.CALLER).kind())
                    .isEqualTo(Kind.INVALID_REQUEST);
            ProviderException upstream = CincopaErrorMapper.logicalFailure(neutral, "video AbC", OnFailure.UPSTREAM);
            assertThat(upstream.kind()).as("a refusal of a checked call is not the caller's fault")
                    .isEqualTo(Kind.UPSTREAM_ERROR);
            assertThat(upstream.getMessage()).contains("video AbC");
        }
    }

    @Test
    void plainWordsForTokensPermissionsAndRatesStillRefineAnyCall() {
        for (OnFailure context : OnFailure.values()) {
            assertThat(CincopaErrorMapper.logicalFailure("Invalid api_token", "x", context).kind())
                    .isEqualTo(Kind.UNAUTHORIZED);
            assertThat(CincopaErrorMapper.logicalFailure("No permission for asset.delete", "x", context).kind())
                    .isEqualTo(Kind.FORBIDDEN);
            assertThat(CincopaErrorMapper.logicalFailure("Too many requests", "x", context).kind())
                    .isEqualTo(Kind.RATE_LIMITED);
            assertThat(CincopaErrorMapper.logicalFailure("Asset not found", "x", context).kind())
                    .isEqualTo(Kind.NOT_FOUND);
        }
    }

    @Test
    void longVendorTextIsNotEchoed() {
        String chatter = "x".repeat(200);
        assertThat(CincopaErrorMapper.logicalFailure(chatter, "import", OnFailure.CALLER).getMessage())
                .doesNotContain(chatter);
    }
}
