package io.mediagate.gateway;

import io.mediagate.gateway.connection.VendorHttpProperties;
import io.mediagate.gateway.observability.VendorTraceHeaders;
import io.mediagate.gateway.passthrough.PassthroughProperties;
import io.mediagate.gateway.web.ChainedFilters;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.StreamReadFeature;

/** Shared infrastructure beans: the clock, and the one HTTP client pool through which every vendor call goes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({VendorHttpProperties.class, PassthroughProperties.class})
public class GatewayConfiguration {

    /** A JSON object naming a member twice is ambiguous (which one wins differs by parser): a 400, never a guess. */
    @Bean
    JsonMapperBuilderCustomizer strictDuplicateKeys() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** mediagate's filters run as one, without WebFlux's checkpoint behind each ({@link ChainedFilters}). */
    @Bean
    WebHttpHandlerBuilderCustomizer chainedFilters() {
        return ChainedFilters.inServer();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** One connection pool for all vendor calls: the adapters' WebClient and the {@code RawForwarder} both use it. */
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
     * The builder handed to adapters (a holder, so it is not mistaken for Boot's own WebClient.Builder), and the
     * HTTP client behind it.
     */
    public record VendorWebClient(WebClient.Builder builder, HttpClient http) {}
}
