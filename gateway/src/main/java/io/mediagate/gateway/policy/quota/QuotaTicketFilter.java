package io.mediagate.gateway.policy.quota;

import io.mediagate.gateway.security.ApiClient;
import io.mediagate.gateway.web.NamedWebFilter;
import io.mediagate.gateway.web.RequestContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every authenticated {@code /v1} request its {@link QuotaTicket}: the client's configured class, lowered
 * (never raised) by an RFC 9218 {@code Priority: u=<0-7>} request header. Runs right after authentication.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
public class QuotaTicketFilter extends NamedWebFilter {
    static final String PRIORITY = "Priority";
    private final ClientShares clients;

    public QuotaTicketFilter(ClientShares clients) {
        this.clients = clients;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ApiClient client = exchange.getAttribute(RequestContext.CLIENT);
        if (client == null) {
            return chain.filter(exchange);
        }
        PriorityClass priority = clients.priority(client.id());
        int urgency = PriorityClass.urgency(exchange.getRequest().getHeaders().getFirst(PRIORITY));
        if (urgency >= 0) {
            priority = priority.atMost(PriorityClass.forUrgency(urgency));
        }
        QuotaTicket ticket = new QuotaTicket(client.id(), priority);
        return chain.filter(exchange).contextWrite(ctx -> ctx.put(QuotaTicket.class, ticket));
    }
}
