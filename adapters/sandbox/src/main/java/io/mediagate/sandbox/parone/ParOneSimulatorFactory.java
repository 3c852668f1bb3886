package io.mediagate.sandbox.parone;

import io.mediagate.sandbox.SimulatorFactory;
import io.mediagate.sandbox.VendorSimulator;

/** Starts the ParOne simulator (standard plan). */
public final class ParOneSimulatorFactory implements SimulatorFactory {
    @Override
    public String vendor() {
        return "parone";
    }

    @Override
    public VendorSimulator start(int port) {
        return new ParOneSimulator(port);
    }
}
