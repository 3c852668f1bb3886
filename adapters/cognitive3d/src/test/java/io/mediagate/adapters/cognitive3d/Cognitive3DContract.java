package io.mediagate.adapters.cognitive3d;

import io.mediagate.contracts.kit.VideoProviderContract;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.cognitive3d.Cognitive3DSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shared provider contract against a Cognitive3D simulator, with the demo organisation's current key. Each
 * subclass owns its simulator and says in which mode it runs and which opt-in options the connection sets.
 */
abstract class Cognitive3DContract extends VideoProviderContract {
    /** Opts in to both guessed operations: the update route and uploads through the gateway's passthrough. */
    static final Map<String, String> GUESSED_OPT_INS = Map.of(
            "update-route",
            "put-media",
            "upload-passthrough-url",
            "https://gateway.example.com/v1/connections/c3d-main/raw");

    /** This class's simulator. */
    protected abstract Cognitive3DSimulator sim();

    /** The mode the simulator runs in. */
    protected abstract SimulatorMode mode();

    /** Connection options beyond {@code project-id}. */
    protected abstract Map<String, String> options();

    VideoProvider provider(String key, String format, long project) {
        Map<String, String> options = new HashMap<>(options());
        options.put("project-id", String.valueOf(project));
        ConnectionSpec spec = new ConnectionSpec(
                "c3d-main",
                "cognitive3d",
                URI.create(sim().baseUrl()),
                Map.of("api-key", key, "key-format", format),
                options);
        return new Cognitive3DProviderFactory().create(spec, ProviderContext.defaults());
    }

    @Override
    protected boolean guessesHold() {
        return mode() == SimulatorMode.GUESSED;
    }

    /** Numeric, so the lookup really asks the vendor (a non-numeric id is refused before any call). */
    @Override
    protected String unknownVideoId() {
        return "999999";
    }

    @Override
    protected VideoProvider provider() {
        return provider(Cognitive3DSimulator.DEMO_ORG_KEY, "orgkey", Cognitive3DSimulator.DEMO_PROJECT);
    }

    @Override
    protected VideoProvider providerWithBadCredentials() {
        return provider("orgkey-revoked-000000", "orgkey", Cognitive3DSimulator.DEMO_PROJECT);
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
        sim().malformNext();
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(Cognitive3DSimulator.DEMO_ORG_KEY);
    }
}
