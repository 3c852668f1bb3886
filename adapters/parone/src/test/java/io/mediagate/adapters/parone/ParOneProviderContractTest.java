package io.mediagate.adapters.parone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import io.mediagate.contracts.kit.VideoProviderContract;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.parone.ParOneSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The provider contract against the ParOne simulator in documented mode: the unverified operations (update, delete,
 * upload, tag filter) either work or fail cleanly as refuted guesses.
 */
class ParOneProviderContractTest extends VideoProviderContract {
    // one simulator per test class (the guessed-mode subclass runs the same contract)
    static ParOneSimulator SIM;

    @BeforeAll
    static void start() {
        SIM = new ParOneSimulator(0);
    }

    /** What the simulator models for this class. */
    protected SimulatorMode mode() {
        return SimulatorMode.DOCUMENTED;
    }

    @Override
    protected boolean guessesHold() {
        return mode() == SimulatorMode.GUESSED;
    }

    /**
     * ParOne's pages name {@code customFields} but show no shape for it other than the filter's "array of strings";
     * both simulator modes answer an object, so only a real account can refute that guess.
     */
    @Override
    protected Set<String> unrefutableProbes() {
        return Set.of("custom-fields-shape");
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    static VideoProvider provider(ParOneSimulator sim, Map<String, String> credentials) {
        return new ParOneProviderFactory()
                .create(
                        new ConnectionSpec("parone-test", "parone", URI.create(sim.baseUrl()), credentials, Map.of()),
                        ProviderContext.defaults());
    }

    static Map<String, String> full() {
        return Map.of(
                "sync-code",
                ParOneSimulator.SYNC_CODE,
                "api-key",
                ParOneSimulator.API_KEY,
                "api-secret",
                ParOneSimulator.API_SECRET);
    }

    @Override
    protected VideoProvider provider() {
        return provider(SIM, full());
    }

    @Override
    protected VideoProvider providerWithBadCredentials() {
        return provider(SIM, Map.of("sync-code", "wrong", "api-key", "wrong", "api-secret", "wrong"));
    }

    @Override
    protected void resetVendor() {
        SIM.mode(mode());
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
        SIM.answerNext(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"ok\",\"data\":[{\"contentKey\":")
                .build());
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(ParOneSimulator.SYNC_CODE, ParOneSimulator.API_KEY, ParOneSimulator.API_SECRET);
    }
}
