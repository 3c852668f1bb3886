package io.mediagate.gateway.events;

import io.mediagate.gateway.security.OutboundUrlPolicy;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.ObservationFilter;
import java.net.InetAddress;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Binds {@code mediagate.events.*}; the rule subscriber URLs obey (no internal targets unless allowed); vendor hook
 * tokens kept out of traces.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EventsProperties.class, VendorHooksProperties.class})
class EventsConfiguration {
    /**
     * A vendor hook's path carries its token: the request's observation would copy it into span attributes
     * (e.g. {@code http.url}) for whatever trace backend is configured, so every such value gets the route pattern.
     */
    @Bean
    ObservationFilter hookTokensStayOutOfTraces() {
        return context -> {
            if (context instanceof ServerRequestObservationContext request) {
                String path = request.getCarrier().getPath().value();
                if (path.startsWith(VendorHookController.PREFIX)) {
                    for (KeyValue kv : context.getHighCardinalityKeyValues()) {
                        if (kv.getValue().contains(path)) {
                            context.addHighCardinalityKeyValue(
                                    KeyValue.of(kv.getKey(), kv.getValue().replace(path, VendorHookController.ROUTE)));
                        }
                    }
                }
            }
            return context;
        };
    }

    @Bean
    OutboundUrlPolicy webhookTargets(EventsProperties p) {
        return new OutboundUrlPolicy(p.webhooks().allowedHosts(), Duration.ofSeconds(2), InetAddress::getAllByName);
    }
}
