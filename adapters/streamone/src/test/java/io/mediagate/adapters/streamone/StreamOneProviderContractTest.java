package io.mediagate.adapters.streamone;

import io.mediagate.contracts.kit.VideoProviderContract;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.streamone.StreamOneSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The provider contract against the StreamOne simulator in documented mode, with application authentication:
 * update, delete and the tag filter (guessed action and argument names) either work or fail as refuted guesses.
 */
class StreamOneProviderContractTest extends VideoProviderContract {
    // one simulator per test class (subclasses run the same contract with other actors)
    static StreamOneSimulator SIM;

    @BeforeAll
    static void start() {
        SIM = new StreamOneSimulator(0);
    }

    /** What the simulator models for this class. */
    protected SimulatorMode mode() {
        return SimulatorMode.DOCUMENTED;
    }

    @Override
    protected boolean guessesHold() {
        return mode() == SimulatorMode.GUESSED;
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    static Map<String, String> application() {
        return Map.of(
                "authentication-type",
                "application",
                "actor-id",
                StreamOneSimulator.APPLICATION,
                "psk",
                StreamOneSimulator.APPLICATION_PSK,
                "account",
                StreamOneSimulator.ACCOUNT);
    }

    static VideoProvider provider(StreamOneSimulator sim, Map<String, String> credentials, ProviderContext context) {
        return new StreamOneProviderFactory()
                .create(
                        new ConnectionSpec(
                                "streamone-test", "streamone", URI.create(sim.baseUrl()), credentials, Map.of()),
                        context);
    }

    @Override
    protected VideoProvider provider() {
        return provider(SIM, application(), ProviderContext.defaults());
    }

    @Override
    protected VideoProvider providerWithBadCredentials() {
        Map<String, String> wrong = new HashMap<>(application());
        wrong.put("psk", "not-the-psk");
        return provider(SIM, wrong, ProviderContext.defaults());
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
        SIM.malformNext();
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(StreamOneSimulator.APPLICATION_PSK);
    }
}
