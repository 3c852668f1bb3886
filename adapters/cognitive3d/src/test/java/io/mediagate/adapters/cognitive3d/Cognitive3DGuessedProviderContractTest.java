package io.mediagate.adapters.cognitive3d;

import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.cognitive3d.Cognitive3DSimulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The opted-in connection against a vendor that answers the guessed routes: every operation works. */
class Cognitive3DGuessedProviderContractTest extends Cognitive3DContract {
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
        return SimulatorMode.GUESSED;
    }

    @Override
    protected Map<String, String> options() {
        return GUESSED_OPT_INS;
    }
}
