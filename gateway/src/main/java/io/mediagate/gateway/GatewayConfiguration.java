package io.mediagate.gateway;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.StreamReadFeature;

/** Shared infrastructure beans: the clock and the HTTP client adapters use to reach vendors. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    /** A JSON object naming a member twice is ambiguous (which one wins differs by parser): a 400, never a guess. */
    @Bean
    JsonMapperBuilderCustomizer strictDuplicateKeys() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * One connection pool for all vendor calls. Idle connections are dropped well before common upstream
     * keep-alive timeouts (60 s+) so a reused connection is rarely closed under us (PrematureCloseException).
     */
    @Bean(destroyMethod = "dispose")
    ConnectionProvider vendorConnectionPool() {
        return ConnectionProvider.builder("vendors")
                .maxConnections(500)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(20))
                .evictInBackground(Duration.ofSeconds(30))
                .build();
    }

    @Bean
    VendorWebClient vendorWebClient(WebClient.Builder builder, ConnectionProvider vendorConnectionPool) {
        HttpClient http = HttpClient.create(vendorConnectionPool).compress(true);
        return new VendorWebClient(builder.clone().clientConnector(new ReactorClientHttpConnector(http)));
    }

    /** The builder handed to adapters (a holder, so it is not mistaken for Boot's own WebClient.Builder). */
    public record VendorWebClient(WebClient.Builder builder) {
    }
}
