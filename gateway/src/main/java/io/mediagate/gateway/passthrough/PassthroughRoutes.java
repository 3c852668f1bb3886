package io.mediagate.gateway.passthrough;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code ANY /v1/connections/{c}/raw/**} on Spring Cloud Gateway. The route's URI is a placeholder: the target
 * is the connection's configured base URL, set per request by {@link RawPassthroughFilter}, never by the client.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PassthroughProperties.class)
public class PassthroughRoutes {
    @Bean
    RouteLocator passthroughRoute(
            RouteLocatorBuilder routes, RawResponseFilter responses, RawPassthroughFilter filter) {
        return routes.routes()
                .route(
                        "raw-passthrough",
                        r -> r.path("/v1/connections/*/raw", "/v1/connections/*/raw/**")
                                .filters(f -> f.filter(responses).filter(filter))
                                .uri("http://vendor.placeholder.invalid"))
                .build();
    }
}
