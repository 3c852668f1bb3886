package io.mediagate.gateway.events;

import io.mediagate.gateway.security.OutboundUrlPolicy;
import java.net.InetAddress;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@code mediagate.events.*}; the rule subscriber URLs obey (no internal targets unless allowed). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EventsProperties.class, VendorHooksProperties.class})
class EventsConfiguration {
    @Bean
    OutboundUrlPolicy webhookTargets(EventsProperties p) {
        return new OutboundUrlPolicy(p.webhooks().allowedHosts(), Duration.ofSeconds(2), InetAddress::getAllByName);
    }
}
