package io.mediagate.gateway.demo;

import io.mediagate.gateway.config.ConnectionProperties;
import io.mediagate.gateway.connection.ConnectionSource;
import io.mediagate.sandbox.DemoConnection;
import io.mediagate.sandbox.Sandbox;
import io.mediagate.sandbox.SimulatorMode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo mode: starts every vendor simulator in-process, seeded, and contributes one connection per simulator
 * (ids like {@code cincopa-demo}) with the credentials it accepts. Only active with the {@code demo} profile.
 */
@Component
@Profile("demo")
public class DemoConnections implements ConnectionSource, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(DemoConnections.class);
    // guessed mode: the documented surface plus the guesses the adapters make by default, so the demo works end to
    // end; /v1/connections flags the operations that rest on those guesses as unverified
    private final Sandbox sandbox = Sandbox.startAll(0, SimulatorMode.GUESSED);

    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public Map<String, ConnectionProperties> connections() {
        Map<String, ConnectionProperties> connections = new LinkedHashMap<>();
        for (DemoConnection d : sandbox.demoConnections()) {
            connections.put(d.id(), ConnectionProperties.of(d.vendor(), URI.create(d.baseUrl()), d.credentials(),
                    d.options()));
            log.info("demo connection {} → {} simulator at {}", d.id(), d.vendor(), d.baseUrl());
        }
        return connections;
    }

    @Override
    public void destroy() {
        sandbox.close();
    }
}
