package io.mediagate.gateway.api.connections;

import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.policy.quota.ClientShares;
import io.mediagate.gateway.policy.quota.OutboundQuota;
import io.mediagate.gateway.policy.quota.PriorityClass;
import io.mediagate.gateway.security.AccessGuard;
import io.mediagate.gateway.security.ApiClient;
import io.mediagate.gateway.security.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/connections/{c}/quota}: the connection's vendor budget now. A client sees the whole budget and
 * its own use; a client with scope {@code admin} sees every client's. Use and waiting calls are this replica's.
 */
@RestController
public class QuotaController {
    private final AccessGuard access;
    private final OutboundQuota quota;
    private final ClientShares shares;
    private final Clock clock;

    public QuotaController(AccessGuard access, OutboundQuota quota, ClientShares shares, Clock clock) {
        this.access = access;
        this.quota = quota;
        this.shares = shares;
        this.clock = clock;
    }

    /** The budget; {@code limit} and what follows from it are absent on a connection without a quota. */
    public record QuotaView(
            String connection,
            Integer limit,
            Long periodSeconds,
            Long tokensLeft,
            Instant nextTokenAt,
            Instant pausedUntil,
            Map<String, Integer> waiting,
            Map<String, Integer> used,
            List<ClientUse> clients) {}

    /** One client's use of the connection in the last period, and its share when it has one. */
    public record ClientUse(String client, int used, int waiting, Integer sharePercent) {}

    @GetMapping("/v1/connections/{connection}/quota")
    public Mono<QuotaView> quota(@PathVariable String connection, ServerWebExchange exchange) {
        ApiClient client = access.client(exchange);
        boolean admin = client.has(Scope.ADMIN);
        Connection c = access.connection(exchange, connection, admin ? Scope.ADMIN : Scope.VIDEOS_READ);
        return quota.state(c).map(s -> {
            Instant now = clock.instant();
            Instant paused = s.pausedForNanos() > 0 ? now.plusNanos(s.pausedForNanos()) : null;
            if (s.limit() == null) {
                return new QuotaView(c.id(), null, null, null, null, paused, null, null, null);
            }
            Map<String, Integer> waiting = new LinkedHashMap<>();
            Map<String, Integer> used = new LinkedHashMap<>();
            for (PriorityClass p : PriorityClass.values()) {
                waiting.put(p.wire(), s.use().waiting().get(p));
                used.put(p.wire(), s.use().usedByClass().get(p));
            }
            TreeSet<String> seen = new TreeSet<>(s.use().usedByClient().keySet());
            seen.addAll(s.use().waitingByClient().keySet());
            seen.remove("");
            if (!admin) {
                seen.retainAll(List.of(client.id()));
                seen.add(client.id());
            }
            List<ClientUse> clients = new ArrayList<>();
            for (String id : seen) {
                clients.add(new ClientUse(
                        id,
                        s.use().usedByClient().getOrDefault(id, 0),
                        s.use().waitingByClient().getOrDefault(id, 0),
                        shares.share(id, c.id())));
            }
            return new QuotaView(
                    c.id(),
                    s.limit(),
                    s.period().toSeconds(),
                    s.tokensLeft(),
                    now.plus(Duration.ofNanos(Math.max(0, s.nextTokenInNanos()))),
                    paused,
                    waiting,
                    used,
                    clients);
        });
    }
}
