package io.mediagate.gateway.api.connections;

import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.policy.Operation;
import io.mediagate.gateway.policy.PolicyChain;
import io.mediagate.gateway.web.FailureMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each connection's health from its vendor ping, remembered for {@link #TTL} so listing connections does not
 * spend vendor quota on every call; a ping slower than {@link #PING_BUDGET} reports {@code unknown}.
 */
@Component
public class ConnectionHealth {
    static final Duration TTL = Duration.ofSeconds(30);
    static final Duration PING_BUDGET = Duration.ofSeconds(2);

    /** What a client sees: {@code up}, {@code down} (with the failure kind) or {@code unknown}. */
    public record Status(String status, Instant checkedAt, String detail) {}

    private final PolicyChain policy;
    private final Clock clock;
    private final Map<String, Mono<Status>> cached = new ConcurrentHashMap<>();

    public ConnectionHealth(PolicyChain policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public Mono<Status> of(Connection connection) {
        return cached.computeIfAbsent(
                connection.id(), id -> check(connection).cache(s -> TTL, e -> TTL, () -> Duration.ZERO));
    }

    /** Forgets remembered results, so the next listing pings again. */
    public void forget() {
        cached.clear();
    }

    private Mono<Status> check(Connection connection) {
        return policy.call(connection, Operation.PING, p -> p.ping())
                .map(h -> new Status(h.up() ? "up" : "down", clock.instant(), h.detail()))
                .timeout(
                        PING_BUDGET,
                        Mono.fromSupplier(() -> new Status(
                                "unknown",
                                clock.instant(),
                                "the vendor did not answer a ping within " + PING_BUDGET.toMillis() + " ms")))
                .onErrorResume(e -> Mono.just(new Status("down", clock.instant(), FailureMapper.problemType(e))));
    }
}
