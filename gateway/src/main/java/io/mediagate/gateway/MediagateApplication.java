package io.mediagate.gateway;

import io.mediagate.gateway.check.ConnectionCheckCommand;
import io.mediagate.gateway.startup.TrainingRun;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The mediagate gateway; {@code --check=<connection>} runs the connection check once and exits instead, and
 * {@code --training-run} runs the image build's training run ({@link TrainingRun}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MediagateApplication {
    /** Reactor Netty's own default is at least 4 event loops, which oversubscribes a pod with one or two CPUs. */
    static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        sizeEventLoops();
        if (TrainingRun.requested(args)) {
            System.exit(TrainingRun.run(args, a -> SpringApplication.run(MediagateApplication.class, a)));
        }
        if (!ConnectionCheckCommand.requested(args)) {
            SpringApplication.run(MediagateApplication.class, args);
            return;
        }
        // the check must not collide with a gateway already serving on the configured ports
        List<String> checkArgs = new ArrayList<>(List.of(args));
        checkArgs.add("--server.port=0");
        checkArgs.add("--management.server.port=0");
        ConfigurableApplicationContext context =
                SpringApplication.run(MediagateApplication.class, checkArgs.toArray(String[]::new));
        System.exit(SpringApplication.exit(context));
    }

    /**
     * One event loop per CPU the JVM may use (the container's CPU limit, rounded up), unless
     * {@code -Dreactor.netty.ioWorkerCount} says otherwise; set before Reactor Netty reads it.
     */
    static void sizeEventLoops() {
        if (System.getProperty(IO_WORKER_COUNT) == null) {
            System.setProperty(
                    IO_WORKER_COUNT, String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
    }
}
