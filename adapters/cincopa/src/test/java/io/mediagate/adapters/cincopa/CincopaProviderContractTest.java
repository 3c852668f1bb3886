package io.mediagate.adapters.cincopa;

import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.cincopa.CincopaSimulator;
import org.junit.jupiter.api.AfterAll;

/**
 * The provider contract against Cincopa as documented: fields only as {@code details} selects them, no invented
 * renditions, neutral failure texts. Every Cincopa operation rests on documented calls, so all must work.
 */
class CincopaProviderContractTest extends CincopaContract {
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
        return SimulatorMode.DOCUMENTED;
    }
}
