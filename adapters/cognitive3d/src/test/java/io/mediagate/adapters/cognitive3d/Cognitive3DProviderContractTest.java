package io.mediagate.adapters.cognitive3d;

import io.mediagate.contracts.kit.VideoProviderContract;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.cognitive3d.Cognitive3DSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/** The shared provider contract against the Cognitive3D simulator, with the demo organisation's current key. */
class Cognitive3DProviderContractTest extends VideoProviderContract {
    static final Cognitive3DSimulator SIM = new Cognitive3DSimulator(0);

    @AfterAll
    static void stop() {
        SIM.close();
    }

    static VideoProvider provider(String key, String format, long project) {
        ConnectionSpec spec = new ConnectionSpec("c3d-main", "cognitive3d", URI.create(SIM.baseUrl()),
                Map.of("api-key", key, "key-format", format), Map.of("project-id", String.valueOf(project)));
        return new Cognitive3DProviderFactory().create(spec, ProviderContext.defaults());
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
        return Set.of(Cognitive3DSimulator.DEMO_ORG_KEY);
    }
}
