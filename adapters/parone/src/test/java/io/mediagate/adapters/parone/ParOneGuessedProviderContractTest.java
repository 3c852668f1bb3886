package io.mediagate.adapters.parone;

import io.mediagate.sandbox.SimulatorMode;

/** The same contract against the simulator's guessed mode, where the adapter's guessed wire calls are answered. */
class ParOneGuessedProviderContractTest extends ParOneProviderContractTest {
    @Override
    protected SimulatorMode mode() {
        return SimulatorMode.GUESSED;
    }
}
