package io.mediagate.adapters.cognitive3d;

import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.cognitive3d.Cognitive3DSimulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * A connection that opts in to the guessed update route and to uploads, against a vendor that documents neither:
 * the update fails only as a refuted guess (502 naming {@code PUT /projects/{projectId}/media/{mediaId}} and
 * {@code options.update-route}), never as "not found".
 */
class Cognitive3DOptedInProviderContractTest extends Cognitive3DContract {
    static final Cognitive3DSimulator SIM = new Cognitive3DSimulator(0);

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Override
    protected Cognitive3DSimulator sim() {
        return SIM;
    }

    @Override
    protected SimulatorMode mode() {
        return SimulatorMode.DOCUMENTED;
    }

    @Override
    protected Map<String, String> options() {
        return GUESSED_OPT_INS;
    }
}
