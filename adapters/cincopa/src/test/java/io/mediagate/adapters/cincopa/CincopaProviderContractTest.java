package io.mediagate.adapters.cincopa;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import io.mediagate.contracts.kit.VideoProviderContract;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.cincopa.CincopaSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/** The provider contract against the Cincopa simulator. */
class CincopaProviderContractTest extends VideoProviderContract {
    static final CincopaSimulator SIM = new CincopaSimulator(0);

    @AfterAll
    static void stop() {
        SIM.close();
    }

    static VideoProvider provider(String token) {
        return new CincopaProviderFactory().create(new ConnectionSpec("cincopa-test", "cincopa",
                URI.create(SIM.baseUrl()), Map.of("api-token", token), Map.of()), ProviderContext.defaults());
    }

    @Override
    protected VideoProvider provider() {
        return provider(CincopaSimulator.DEMO_TOKEN);
    }

    @Override
    protected VideoProvider providerWithBadCredentials() {
        return provider("1000042iWrongToken");
    }

    @Override
    protected void resetVendor() {
        SIM.reset();
    }

    @Override
    protected void vendorRateLimitsNextCall(Duration retryAfter) {
        SIM.rateLimitNext(retryAfter);
    }

    @Override
    protected void vendorFailsNextCall() {
        SIM.failNext();
    }

    @Override
    protected void vendorAnswersMalformedNextCall() {
        SIM.answerNext(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":true,\"items\":[{\"rid\":\"" + CincopaSimulator.DEMO_TOKEN).build());
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(CincopaSimulator.DEMO_TOKEN);
    }
}
