package io.mediagate.sandbox;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulators standalone: {@code java -jar mediagate-sandbox-standalone.jar [--vendor=NAME] [--port=N]}.
 * Without {@code --vendor} every simulator starts, on consecutive ports from {@code --port} (default 9001);
 * {@code --mode=guessed} answers the adapters' guessed wire calls too (default: documented surface only).
 */
public final class SandboxMain {
    private SandboxMain() {}

    public static void main(String[] args) throws InterruptedException {
        String vendor = null;
        int port = 9001;
        SimulatorMode mode = SimulatorMode.DOCUMENTED;
        for (String arg : args) {
            if (arg.startsWith("--vendor=")) {
                vendor = arg.substring("--vendor=".length());
            } else if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--mode=")) {
                mode = SimulatorMode.parse(arg.substring("--mode=".length()));
            } else {
                System.err.println("usage: [--vendor=NAME] [--port=N] [--mode=documented|guessed]; vendors: "
                        + Sandbox.factories().stream()
                                .map(SimulatorFactory::vendor)
                                .toList());
                System.exit(2);
            }
        }
        AutoCloseable running;
        if (vendor == null) {
            Sandbox sandbox = Sandbox.startAll(port, mode);
            sandbox.simulators().forEach(SandboxMain::announce);
            running = sandbox;
        } else {
            String wanted = vendor;
            SimulatorFactory factory = Sandbox.factories().stream()
                    .filter(f -> f.vendor().equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no simulator for " + wanted));
            VendorSimulator simulator = factory.start(port, mode);
            announce(simulator);
            running = simulator;
        }
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
            forever.countDown();
        }));
        forever.await();
    }

    private static void announce(VendorSimulator simulator) {
        System.out.println(simulator.vendor() + " simulator ("
                + simulator.mode().name().toLowerCase(Locale.ROOT) + " mode) at " + simulator.baseUrl());
        // the simulators' own made-up demo credentials, printed so a gateway can be pointed at them
        simulator
                .demoConnections()
                .forEach(c -> System.out.println(
                        "  connection " + c.id() + ": credentials " + c.credentials() + " options " + c.options()));
    }
}
