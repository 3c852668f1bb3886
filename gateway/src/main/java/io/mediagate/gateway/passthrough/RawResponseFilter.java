package io.mediagate.gateway.passthrough;

import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.web.ApiException;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Wraps the raw route's response in a {@link ScrubbingResponse}. It must run before SCG's
 * {@link NettyWriteResponseFilter}, which writes the vendor's answer to the response it was handed, so it is a
 * filter of its own, ahead of {@link RawPassthroughFilter} (which needs to run after the request URL is set).
 */
@Component
public class RawResponseFilter implements GatewayFilter, Ordered {
    private static final Duration FALLBACK_IDLE = Duration.ofSeconds(10);
    private final ResponseSecrets secrets;
    private final ConnectionRegistry registry;

    public RawResponseFilter(ResponseSecrets secrets, ConnectionRegistry registry) {
        this.secrets = secrets;
        this.registry = registry;
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Duration idle = FALLBACK_IDLE;
        try {
            RawPath raw = RawPath.parse(exchange.getRequest().getURI().getRawPath());
            idle = registry.find(raw.connection())
                    .map(Connection::policy)
                    .map(p -> p.timeout())
                    .orElse(idle);
        } catch (ApiException refusedLater) {
            // RawPassthroughFilter answers it; the fallback bounds nothing that will ever be sent
        }
        ScrubbingResponse response = new ScrubbingResponse(exchange.getResponse(), secrets.scrubber(), idle);
        return chain.filter(exchange.mutate().response(response).build());
    }
}
