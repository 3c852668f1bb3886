package io.mediagate.gateway.events;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A webhook subscription: where events of some connections (and types) are delivered, signed with its secret,
 * and how its deliveries are going. {@code owner} is the client that created it, or {@code config}.
 */
final class Subscription {
    static final String CONFIG_OWNER = "config";
    private static final int KEPT_FAILURES = 100;
    final String id;
    final String owner;
    final String url;
    final String secret;
    final Set<String> connections;
    final Set<String> types;
    final Instant createdAt;
    private final Deque<ChangeEvent> givenUp = new ArrayDeque<>();
    private long delivered;
    private int pending;
    private String lastError;
    private Instant lastErrorAt;

    Subscription(
            String id,
            String owner,
            String url,
            String secret,
            Set<String> connections,
            Set<String> types,
            Instant createdAt) {
        this.id = id;
        this.owner = owner;
        this.url = url;
        this.secret = secret;
        this.connections = Set.copyOf(connections);
        this.types = Set.copyOf(types);
        this.createdAt = createdAt;
    }

    boolean wants(ChangeEvent e) {
        return (connections.contains("*") || connections.contains(e.connection()))
                && (types.isEmpty() || types.contains(e.type()));
    }

    synchronized void started() {
        pending++;
    }

    synchronized void succeeded() {
        pending--;
        delivered++;
    }

    synchronized void failed(String error, Instant at) {
        lastError = error;
        lastErrorAt = at;
    }

    /** Retries ran out: the event is kept (the newest 100) for a replay. */
    synchronized void gaveUp(ChangeEvent e) {
        pending--;
        givenUp.addLast(e);
        while (givenUp.size() > KEPT_FAILURES) {
            givenUp.removeFirst();
        }
    }

    synchronized List<ChangeEvent> takeGivenUp() {
        List<ChangeEvent> all = List.copyOf(givenUp);
        givenUp.clear();
        return all;
    }

    /** How deliveries are going, as the API shows it. */
    record Status(
            long delivered,
            int pending,
            int failed,
            List<String> failedEventIds,
            String lastError,
            Instant lastErrorAt) {}

    synchronized Status status() {
        return new Status(
                delivered,
                pending,
                givenUp.size(),
                givenUp.stream().map(ChangeEvent::id).toList(),
                lastError,
                lastErrorAt);
    }
}
