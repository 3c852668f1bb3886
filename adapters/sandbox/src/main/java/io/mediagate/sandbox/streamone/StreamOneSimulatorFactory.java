package io.mediagate.sandbox.streamone;

import io.mediagate.sandbox.SimulatorFactory;
import io.mediagate.sandbox.VendorSimulator;

/** Starts the StreamOne simulator. */
public final class StreamOneSimulatorFactory implements SimulatorFactory {
    @Override
    public String vendor() {
        return "streamone";
    }

    @Override
    public VendorSimulator start(int port) {
        return new StreamOneSimulator(port);
    }
}
