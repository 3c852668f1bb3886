package io.mediagate.sandbox;

/**
 * Starts one vendor's simulator. Registered in {@code META-INF/services/io.mediagate.sandbox.SimulatorFactory}
 * so demo mode and {@link SandboxMain} start every vendor available without naming them.
 */
public interface SimulatorFactory {
    String vendor();

    /** Starts a seeded simulator on {@code port} (0 = any free port). */
    VendorSimulator start(int port);

    /** Starts a seeded simulator modelling {@code mode}. */
    default VendorSimulator start(int port, SimulatorMode mode) {
        return start(port).mode(mode);
    }
}
