package io.mediagate.gateway.config;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

/**
 * Everything a user configures, under {@code mediagate.*}. Bound and validated at start-up: a bad value stops
 * the gateway with a message naming the key.
 *
 * @param clients     callers allowed in, each with a hashed bearer key, scopes and connections
 * @param defaults    policy settings merged under every connection's own
 * @param connections vendor connections by id (lower-case letters, digits and dashes)
 * @param cluster     shared state across replicas; unset means single replica, all in-process
 * @param idempotency how long {@code Idempotency-Key} outcomes are kept
 * @param jwt         optional JWT bearer validation for internal services
 */
@Validated
@ConfigurationProperties("mediagate")
public record MediagateProperties(
        @Valid List<ClientProperties> clients,
        @Valid @NestedConfigurationProperty PolicyDefaults defaults,
        @Valid Map<String, ConnectionProperties> connections,
        @Valid @NestedConfigurationProperty ClusterProperties cluster,
        @Valid @NestedConfigurationProperty IdempotencyProperties idempotency,
        @Valid @NestedConfigurationProperty JwtProperties jwt) {

    public MediagateProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
        defaults = defaults == null ? PolicyDefaults.BUILT_IN : defaults.overBuiltIn();
        connections = connections == null ? Map.of() : Map.copyOf(connections);
        cluster = cluster == null ? new ClusterProperties(null, null, null) : cluster;
        idempotency = idempotency == null ? new IdempotencyProperties(null, null) : idempotency;
        jwt = jwt == null ? new JwtProperties(null, null, null, null, null, null) : jwt;
    }
}
