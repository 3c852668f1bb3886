package io.mediagate.contracts.kit;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.VideoProvider;
import java.time.Duration;
import java.util.Set;

/** The fake passes the same kit as every adapter, so gateway tests built on it test real behaviour. */
class FakeVideoProviderContractTest extends VideoProviderContract {
    private final FakeVendor vendor = new FakeVendor("fake-secret-token");

    @Override
    protected VideoProvider provider() {
        return FakeVideoProvider.allCapabilities("fake-main", vendor, "fake-secret-token");
    }

    @Override
    protected VideoProvider providerWithBadCredentials() {
        return FakeVideoProvider.allCapabilities("fake-main", vendor, "wrong");
    }

    @Override
    protected void resetVendor() {
        vendor.reset();
    }

    @Override
    protected void vendorRateLimitsNextCall(Duration retryAfter) {
        vendor.failNext(() -> ProviderException.rateLimited(retryAfter, 429));
    }

    @Override
    protected void vendorFailsNextCall() {
        vendor.failNext(1);
    }

    @Override
    protected void vendorAnswersMalformedNextCall() {
        vendor.failNext(() -> ProviderException.upstream("the vendor answered malformed JSON", null));
    }

    @Override
    protected Set<String> secrets() {
        return Set.of("fake-secret-token");
    }
}
