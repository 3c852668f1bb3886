package io.mediagate.gateway.check;

import io.mediagate.contracts.spi.probe.WireProbe;
import io.mediagate.gateway.api.Inputs;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.security.AccessGuard;
import io.mediagate.gateway.security.Scope;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/connections/{c}/check}: probes the connection's wire assumptions against its real vendor
 * (scope {@code admin}). {@code dry_run=true} states the probes and their cost without calling the vendor;
 * {@code writes=true} adds the write probes, which touch only a scratch video the check creates itself.
 */
@RestController
public class ConnectionCheckController {
    private final AccessGuard access;
    private final ConnectionCheck check;

    public ConnectionCheckController(AccessGuard access, ConnectionCheck check) {
        this.access = access;
        this.check = check;
    }

    /** What a check would do: its probes and the most vendor calls it makes. */
    public record CheckPlan(
            String connection, String vendor, boolean writes, int vendorCallsAtMost, List<PlannedProbe> probes) {}

    /** One probe a check would run. */
    public record PlannedProbe(String name, String guessedCall, String capability, boolean writes) {}

    @PostMapping("/v1/connections/{connection}/check")
    public Mono<Object> check(
            @PathVariable String connection,
            @RequestParam(required = false) String writes,
            @RequestParam(name = "dry_run", required = false) String dryRun,
            ServerWebExchange exchange) {
        Connection c = access.connection(exchange, connection, Scope.ADMIN);
        boolean withWrites = Inputs.flag("writes", writes);
        if (Inputs.flag("dry_run", dryRun)) {
            List<WireProbe> planned = check.plan(c, withWrites);
            return Mono.just(new CheckPlan(
                    c.id(),
                    c.vendor(),
                    withWrites,
                    planned.size(),
                    planned.stream()
                            .map(p -> new PlannedProbe(
                                    p.name(),
                                    p.guessedCall(),
                                    p.capability() == null
                                            ? null
                                            : p.capability().wireName(),
                                    p.writes()))
                            .toList()));
        }
        return check.run(c, withWrites).cast(Object.class);
    }
}
