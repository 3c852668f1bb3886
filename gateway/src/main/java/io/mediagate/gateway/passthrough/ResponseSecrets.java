package io.mediagate.gateway.passthrough;

import io.mediagate.gateway.config.ConnectionProperties;
import io.mediagate.gateway.config.MediagateProperties;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.connection.ConnectionSource;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Every secret credential value of every connection, as one {@link SecretScrubber} for raw responses: a vendor
 * that echoes a request (TRACE, an error quoting the URL) must not hand the client any connection's
 * credentials. Which credentials are secret is the vendor's word ({@code VendorDescriptor.secretCredentials}); a
 * vendor that declares none has all of its credential values treated as secret (fail closed).
 */
@Component
public class ResponseSecrets {
    private final SecretScrubber scrubber;

    public ResponseSecrets(
            MediagateProperties properties, List<ConnectionSource> sources, ConnectionRegistry registry) {
        Map<String, ConnectionProperties> all = new HashMap<>(properties.connections());
        sources.forEach(s -> s.connections().forEach(all::putIfAbsent));
        Set<String> values = new LinkedHashSet<>();
        all.forEach((id, c) -> {
            Set<String> secretKeys = registry.descriptor(c.vendor())
                    .map(d -> d.secretCredentials())
                    .orElse(Set.of());
            c.credentials().forEach((key, value) -> {
                if (secretKeys.isEmpty() || secretKeys.contains(key)) {
                    values.add(value);
                }
            });
        });
        this.scrubber = new SecretScrubber(values);
    }

    public SecretScrubber scrubber() {
        return scrubber;
    }
}
