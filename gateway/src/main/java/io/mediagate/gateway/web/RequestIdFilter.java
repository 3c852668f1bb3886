package io.mediagate.gateway.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}: the caller's when it is a sane token, else a new UUID, echoed on
 * every response (problems included) and passed on to vendors by raw passthrough.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends NamedWebFilter {
    public static final String HEADER = "X-Request-Id";
    // a caller-chosen id ends up in logs and headers: only accept a short, printable token
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /**
     * A random UUID-shaped id. Not {@link UUID#randomUUID()}: a trace id needs no cryptographic randomness, and
     * SecureRandom on every request is a measurable cost under load.
     */
    static String newId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                .toString();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : newId();
        exchange.getAttributes().put(RequestContext.REQUEST_ID, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        // the request itself stays as it came: a mutated copy would copy every header on every request, and only
        // raw passthrough sends the id on (RawPassthroughFilter takes it from the attribute)
        return chain.filter(exchange);
    }
}
