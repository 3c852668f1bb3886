package io.mediagate.sandbox.cincopa;

import io.mediagate.sandbox.SimulatorFactory;
import io.mediagate.sandbox.VendorSimulator;

/** Starts the Cincopa simulator. */
public final class CincopaSimulatorFactory implements SimulatorFactory {
    @Override
    public String vendor() {
        return "cincopa";
    }

    @Override
    public VendorSimulator start(int port) {
        return new CincopaSimulator(port);
    }
}
