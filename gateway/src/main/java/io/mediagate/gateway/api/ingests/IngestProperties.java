package io.mediagate.gateway.api.ingests;

import io.mediagate.gateway.security.OutboundUrlPolicy;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/**
 * Where ingests may fetch from ({@code mediagate.ingest.*}).
 *
 * @param allowedHosts   hosts a {@code source_url} may name although they are internal (on-premises media
 *                       servers): exact names or IP literals, or {@code *.suffix}; empty by default
 * @param resolveTimeout how long the gateway waits for DNS when checking a {@code source_url}'s host (default
 *                       {@code 2s}); past it the name is let through
 */
@Validated
@ConfigurationProperties("mediagate.ingest")
public record IngestProperties(List<@NotNull String> allowedHosts, Duration resolveTimeout) {
    public IngestProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        resolveTimeout = resolveTimeout == null ? Duration.ofSeconds(2) : resolveTimeout;
        if (resolveTimeout.isNegative() || resolveTimeout.isZero() || resolveTimeout.toSeconds() > 30) {
            throw new IllegalArgumentException("mediagate.ingest.resolve-timeout must be between 1ms and 30s");
        }
        for (String h : allowedHosts) {
            if (h.isBlank() || h.contains("/") || h.contains("@")) {
                throw new IllegalArgumentException("mediagate.ingest.allowed-hosts holds '" + h
                        + "', which is not a host name, IP literal or *.suffix");
            }
        }
    }

    /** The ingest source policy bean. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IngestProperties.class)
    static class Beans {
        @Bean
        OutboundUrlPolicy ingestSources(IngestProperties p) {
            return new OutboundUrlPolicy(p.allowedHosts(), p.resolveTimeout(), InetAddress::getAllByName);
        }
    }
}
