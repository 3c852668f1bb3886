package io.mediagate.gateway.policy.quota;

import reactor.util.context.ContextView;

/**
 * Who is asking for a vendor token: the client (for its share of the connection) and the request's class. It rides
 * in the Reactor context of the request ({@link QuotaTicketFilter}), so every vendor call of the request, normalized
 * or raw, retried or not, carries it without the policy chain's signature changing. A call without one (a start-up
 * check, a poller that did not set one) is an anonymous interactive call.
 */
public record QuotaTicket(String client, PriorityClass priority) {
    static final QuotaTicket ANONYMOUS = new QuotaTicket(null, PriorityClass.INTERACTIVE);

    /** The ticket of the current request, or an anonymous interactive one. */
    public static QuotaTicket of(ContextView context) {
        return context.getOrDefault(QuotaTicket.class, ANONYMOUS);
    }
}
