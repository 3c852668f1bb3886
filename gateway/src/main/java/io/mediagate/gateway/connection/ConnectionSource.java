package io.mediagate.gateway.connection;

import io.mediagate.gateway.config.ConnectionProperties;
import java.util.Map;

/** Contributes connections beyond {@code mediagate.connections} (demo mode wires its simulators this way). */
public interface ConnectionSource {
    Map<String, ConnectionProperties> connections();
}
