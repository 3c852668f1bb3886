package io.mediagate.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Every simulator on the class path, started together (demo mode, standalone sandbox). */
public final class Sandbox implements AutoCloseable {
    private final List<VendorSimulator> simulators;

    private Sandbox(List<VendorSimulator> simulators) {
        this.simulators = List.copyOf(simulators);
    }

    /** The registered factories, in vendor-name order. */
    public static List<SimulatorFactory> factories() {
        List<SimulatorFactory> factories = new ArrayList<>();
        ServiceLoader.load(SimulatorFactory.class).forEach(factories::add);
        factories.sort(Comparator.comparing(SimulatorFactory::vendor));
        return factories;
    }

    /** Starts every simulator; with {@code firstPort} 0 each gets a free port, else consecutive ports. */
    public static Sandbox startAll(int firstPort) {
        return startAll(firstPort, SimulatorMode.DOCUMENTED);
    }

    /** Starts every simulator in {@code mode}. */
    public static Sandbox startAll(int firstPort, SimulatorMode mode) {
        List<VendorSimulator> started = new ArrayList<>();
        int port = firstPort;
        for (SimulatorFactory factory : factories()) {
            started.add(factory.start(port, mode));
            if (port != 0) {
                port++;
            }
        }
        return new Sandbox(started);
    }

    public List<VendorSimulator> simulators() {
        return simulators;
    }

    public List<DemoConnection> demoConnections() {
        List<DemoConnection> all = new ArrayList<>();
        simulators.forEach(s -> all.addAll(s.demoConnections()));
        return all;
    }

    @Override
    public void close() {
        simulators.forEach(VendorSimulator::close);
    }
}
