package io.mediagate.contracts.spi;

import java.time.Clock;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Shared infrastructure the gateway hands to adapters: a pre-configured WebClient builder (connection pool,
 * codecs, metrics; no retry or timeout policy, those stay in the gateway) and the clock adapters must use
 * for timestamps and expiries.
 */
public record ProviderContext(WebClient.Builder webClient, Clock clock) {
    public static ProviderContext defaults() {
        return new ProviderContext(WebClient.builder(), Clock.systemUTC());
    }
}
