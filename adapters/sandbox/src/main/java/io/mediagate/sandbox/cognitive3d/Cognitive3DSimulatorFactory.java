package io.mediagate.sandbox.cognitive3d;

import io.mediagate.sandbox.SimulatorFactory;
import io.mediagate.sandbox.VendorSimulator;

/** Starts the Cognitive3D simulator. */
public final class Cognitive3DSimulatorFactory implements SimulatorFactory {
    @Override
    public String vendor() {
        return "cognitive3d";
    }

    @Override
    public VendorSimulator start(int port) {
        return new Cognitive3DSimulator(port);
    }
}
