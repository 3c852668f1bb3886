package io.mediagate.adapters.streamone;

import io.mediagate.sandbox.SimulatorMode;

/** The same contract against the simulator's guessed mode, where the guessed actions and argument are answered. */
class StreamOneGuessedProviderContractTest extends StreamOneProviderContractTest {
    @Override
    protected SimulatorMode mode() {
        return SimulatorMode.GUESSED;
    }
}
