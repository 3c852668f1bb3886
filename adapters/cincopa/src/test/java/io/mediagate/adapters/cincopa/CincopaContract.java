package io.mediagate.adapters.cincopa;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import io.mediagate.contracts.kit.VideoProviderContract;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.cincopa.CincopaSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** The provider contract against a Cincopa simulator; each subclass owns one and names its mode. */
abstract class CincopaContract extends VideoProviderContract {
    /** This class's simulator. */
    protected abstract CincopaSimulator sim();

    /** The mode the simulator runs in. */
    protected abstract SimulatorMode mode();

    VideoProvider provider(String token) {
        return new CincopaProviderFactory()
                .create(
                        new ConnectionSpec(
                                "cincopa-test",
                                "cincopa",
                                URI.create(sim().baseUrl()),
                                Map.of("api-token", token),
                                Map.of()),
                        ProviderContext.defaults());
    }

    @Override
    protected boolean guessesHold() {
        return mode() == SimulatorMode.GUESSED;
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
        sim().mode(mode()).reset();
    }

    @Override
    protected void vendorRateLimitsNextCall(Duration retryAfter) {
        sim().rateLimitNext(retryAfter);
    }

    @Override
    protected void vendorFailsNextCall() {
        sim().failNext();
    }

    @Override
    protected void vendorAnswersMalformedNextCall() {
        sim().answerNext(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":true,\"items\":[{\"rid\":\"" + CincopaSimulator.DEMO_TOKEN)
                .build());
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(CincopaSimulator.DEMO_TOKEN);
    }
}
