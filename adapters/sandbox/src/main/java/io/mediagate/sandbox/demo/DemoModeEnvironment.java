package io.mediagate.sandbox.demo;

import io.mediagate.sandbox.DemoConnection;
import io.mediagate.sandbox.Sandbox;
import io.mediagate.sandbox.SimulatorMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Demo mode, for the gateway when this jar is on its class path (the demo jar, tests): with the {@code demo}
 * profile it starts every vendor simulator in-process, seeded, and adds one connection per simulator (ids like
 * {@code cincopa-demo}, with the credentials the simulator accepts) as ordinary {@code mediagate.connections.*}
 * properties, so the gateway needs no code of its own for the demo and its production jar carries no simulator.
 * The running {@link Sandbox} is a bean (tests read the demo credentials from it); it stops with the context.
 */
public final class DemoModeEnvironment implements EnvironmentPostProcessor, Ordered {
    private static final Logger log = LoggerFactory.getLogger(DemoModeEnvironment.class);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("demo"))) {
            return;
        }
        // guessed mode: the documented surface plus the guesses the adapters make by default, so the demo works
        // end to end; /v1/connections flags the operations that rest on those guesses as unverified
        Sandbox sandbox = Sandbox.startAll(0, SimulatorMode.GUESSED);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (DemoConnection d : sandbox.demoConnections()) {
            String key = "mediagate.connections." + d.id() + ".";
            properties.put(key + "vendor", d.vendor());
            properties.put(key + "base-url", d.baseUrl());
            d.credentials().forEach((name, value) -> properties.put(key + "credentials." + name, value));
            d.options().forEach((name, value) -> properties.put(key + "options." + name, value));
            log.info("demo connection {} → {} simulator at {}", d.id(), d.vendor(), d.baseUrl());
        }
        environment.getPropertySources().addLast(new MapPropertySource("mediagate-demo-connections", properties));
        application.addInitializers((ConfigurableApplicationContext context) -> {
            context.getBeanFactory().registerSingleton("demoSandbox", sandbox);
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) e -> {
                if (e.getApplicationContext() == context) {
                    sandbox.close();
                }
            });
        });
    }

    /** After the config data, so {@code spring.profiles.active} from any source is known. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
