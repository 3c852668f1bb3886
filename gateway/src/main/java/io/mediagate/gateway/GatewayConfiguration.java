package io.mediagate.gateway;

import io.mediagate.gateway.connection.VendorHttpProperties;
import io.mediagate.gateway.observability.VendorTraceHeaders;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.StreamReadFeature;

/** Shared infrastructure beans: the clock, and the one HTTP client pool through which every vendor call goes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VendorHttpProperties.class)
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

    /** One connection pool for all vendor calls: the adapters' WebClient and raw passthrough's route both use it. */
    @Bean(destroyMethod = "dispose")
    ConnectionProvider vendorConnectionPool(VendorHttpProperties p) {
        return ConnectionProvider.builder("vendors")
                .maxConnections(p.maxConnections())
                .pendingAcquireMaxCount(p.pendingAcquireMaxCount())
                .pendingAcquireTimeout(p.pendingAcquireTimeout())
                .maxIdleTime(p.maxIdleTime())
                .evictInBackground(p.evictEvery())
                .build();
    }

    /**
     * The adapters' WebClient, without an observation of its own: the vendor attempt is the client span
     * ({@code policy.VendorAttemptTracing}), and WebClient's span recorded the full vendor URL, credentials in the
     * query included; its {@code webclient.requests} timer repeated {@code mediagate.upstream.*}.
     */
    @Bean
    VendorWebClient vendorWebClient(WebClient.Builder builder, ConnectionProvider vendorConnectionPool) {
        HttpClient http = HttpClient.create(vendorConnectionPool).compress(true);
        return new VendorWebClient(
                builder.clone()
                        .observationRegistry(ObservationRegistry.NOOP)
                        .filter(new VendorTraceHeaders())
                        .clientConnector(new ReactorClientHttpConnector(http)),
                http);
    }

    /**
     * Spring Cloud Gateway's HTTP client (the raw route's), as SCG configures it (SSL, proxy, response decoder,
     * customizers) but on the vendor pool instead of a second one of its own; so
     * {@code spring.cloud.gateway.server.webflux.httpclient.pool.*} has no effect: {@code mediagate.vendor-http.*}
     * sizes the pool for both.
     */
    @Bean
    HttpClientFactory gatewayHttpClientFactory(
            HttpClientProperties properties,
            ServerProperties server,
            List<HttpClientCustomizer> customizers,
            HttpClientSslConfigurer ssl,
            ConnectionProvider vendorConnectionPool) {
        return new HttpClientFactory(properties, server, ssl, customizers) {
            @Override
            protected ConnectionProvider buildConnectionProvider(HttpClientProperties ignored) {
                return vendorConnectionPool;
            }
        };
    }

    /**
     * The builder handed to adapters (a holder, so it is not mistaken for Boot's own WebClient.Builder), and the
     * HTTP client behind it.
     */
    public record VendorWebClient(WebClient.Builder builder, HttpClient http) {}
}
