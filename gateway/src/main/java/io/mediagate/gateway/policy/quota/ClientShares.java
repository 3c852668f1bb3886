package io.mediagate.gateway.policy.quota;

import io.mediagate.contracts.spi.InvalidConnectionException;
import io.mediagate.gateway.config.ClientProperties;
import io.mediagate.gateway.config.MediagateProperties;
import io.mediagate.gateway.connection.ConnectionRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Each configured client's priority class and its shares of connections' quotas
 * ({@code mediagate.clients[].priority}, {@code mediagate.clients[].shares}). A share naming no connection stops
 * start-up naming the key: a typo there would silently leave a client uncapped.
 */
@Component
public class ClientShares {
    private final Map<String, PriorityClass> priorities = new HashMap<>();
    private final Map<String, Map<String, Integer>> shares = new HashMap<>();

    public ClientShares(MediagateProperties properties, ConnectionRegistry connections) {
        for (int i = 0; i < properties.clients().size(); i++) {
            ClientProperties c = properties.clients().get(i);
            priorities.put(c.id(), PriorityClass.fromWire(c.priority()));
            for (String connection : c.shares().keySet()) {
                if (connections.find(connection).isEmpty()) {
                    throw new InvalidConnectionException(
                            "mediagate.clients[" + i + "].shares." + connection, "names no configured connection");
                }
            }
            shares.put(c.id(), Map.copyOf(c.shares()));
        }
    }

    /** The client's class; clients not configured here (JWT callers) are interactive. */
    public PriorityClass priority(String client) {
        return priorities.getOrDefault(client, PriorityClass.INTERACTIVE);
    }

    /** Ids of the clients holding a share of {@code connection}. */
    public List<String> clientsWithShareOf(String connection) {
        return shares.entrySet().stream()
                .filter(e -> e.getValue().containsKey(connection))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** The client's share of {@code connection}'s quota in percent, or null when it has none. */
    public Integer share(String client, String connection) {
        return client == null ? null : shares.getOrDefault(client, Map.of()).get(connection);
    }
}
