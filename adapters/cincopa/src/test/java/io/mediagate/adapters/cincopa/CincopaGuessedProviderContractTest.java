package io.mediagate.adapters.cincopa;

import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.cincopa.CincopaSimulator;
import org.junit.jupiter.api.AfterAll;

/** The provider contract against the Cincopa simulator in guessed mode (with the guessed HLS rendition). */
class CincopaGuessedProviderContractTest extends CincopaContract {
    static final CincopaSimulator SIM = new CincopaSimulator(0);

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Override
    protected CincopaSimulator sim() {
        return SIM;
    }

    @Override
    protected SimulatorMode mode() {
        return SimulatorMode.GUESSED;
    }
}
