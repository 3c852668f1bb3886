package io.mediagate.gateway;

import io.mediagate.gateway.check.ConnectionCheckCommand;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** The mediagate gateway; {@code --check=<connection>} runs the connection check once and exits instead. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MediagateApplication {
    public static void main(String[] args) {
        if (!ConnectionCheckCommand.requested(args)) {
            SpringApplication.run(MediagateApplication.class, args);
            return;
        }
        // the check must not collide with a gateway already serving on the configured ports
        List<String> checkArgs = new ArrayList<>(List.of(args));
        checkArgs.add("--server.port=0");
        checkArgs.add("--management.server.port=0");
        ConfigurableApplicationContext context = SpringApplication.run(MediagateApplication.class,
                checkArgs.toArray(String[]::new));
        System.exit(SpringApplication.exit(context));
    }
}
