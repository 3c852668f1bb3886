package io.mediagate.adapters.cognitive3d;

import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.cognitive3d.Cognitive3DSimulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The contract as an operator configures a connection by default, against the documented surface only: reads and
 * deletes work through documented routes; update and upload are not offered (501).
 */
class Cognitive3DProviderContractTest extends Cognitive3DContract {
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
        return Map.of();
    }
}
