package io.mediagate.gateway.connection;

import io.mediagate.contracts.spi.Capabilities;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.GuardedVideoProvider;
import io.mediagate.contracts.spi.InvalidConnectionException;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VendorDescriptor;
import io.mediagate.contracts.spi.VendorPlan;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.VideoProviderFactory;
import io.mediagate.gateway.GatewayConfiguration;
import io.mediagate.gateway.config.ConnectionPolicy;
import io.mediagate.gateway.config.ConnectionProperties;
import io.mediagate.gateway.config.MediagateProperties;
import io.mediagate.gateway.config.QuotaProperties;
import io.mediagate.gateway.logging.SecretMasker;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * All connections, built once at start-up from {@code mediagate.connections} and any {@link ConnectionSource}.
 * A connection the adapters cannot build stops start-up with {@link InvalidConnectionException} naming the key.
 */
@Component
public class ConnectionRegistry {
    /** What a connection id may look like; every place that accepts one uses this. */
    public static final String ID_REGEX = "[a-z0-9][a-z0-9-]{0,62}";

    private static final Pattern ID = Pattern.compile(ID_REGEX);

    private final Map<String, Connection> connections;
    private final ProviderFactories factories;

    public ConnectionRegistry(
            MediagateProperties properties,
            List<ConnectionSource> sources,
            GatewayConfiguration.VendorWebClient webClient,
            Clock clock) {
        Map<String, ConnectionProperties> all = new TreeMap<>(properties.connections());
        for (ConnectionSource source : sources) {
            source.connections().forEach((id, c) -> {
                if (all.putIfAbsent(id, c) != null) {
                    throw new InvalidConnectionException("mediagate.connections." + id, "is defined twice");
                }
            });
        }
        ProviderFactories factories = new ProviderFactories();
        factories
                .all()
                .forEach(f -> SecretMasker.registerShapes(
                        f.descriptor().secretWireNames(), f.descriptor().secretWirePrefixes()));
        this.factories = factories;
        ProviderContext context = new ProviderContext(webClient.builder(), clock);
        Map<String, Connection> built = new LinkedHashMap<>();
        all.forEach((id, c) -> built.put(id, build(id, c, factories, context, properties)));
        this.connections = Collections.unmodifiableMap(built);
    }

    private static Connection build(
            String id,
            ConnectionProperties c,
            ProviderFactories factories,
            ProviderContext context,
            MediagateProperties properties) {
        String key = "mediagate.connections." + id;
        if (!ID.matcher(id).matches()) {
            throw new InvalidConnectionException(
                    key,
                    "is not a valid connection id (lower-case letters, digits " + "and dashes, at most 63 characters)");
        }
        VideoProviderFactory factory = factories.find(c.vendor());
        if (factory == null) {
            throw new InvalidConnectionException(
                    key + ".vendor",
                    "names no known vendor '" + c.vendor() + "' (known: " + String.join(", ", factories.vendors())
                            + ")");
        }
        String scheme = c.baseUrl().getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme) || c.baseUrl().getHost() == null) {
            throw new InvalidConnectionException(key + ".base-url", "must be an absolute http(s) URL");
        }
        ConnectionSpec spec = new ConnectionSpec(id, c.vendor(), c.baseUrl(), c.credentials(), c.options());
        VendorDescriptor descriptor = factory.descriptor();
        // only secrets: a plain credential (StreamOne's authentication-type: application) is no secret
        SecretMasker.register(descriptor.secretCredentials().stream()
                .map(c.credentials()::get)
                .toList());
        descriptor.validate(spec);
        VideoProvider provider = GuardedVideoProvider.guard(factory.create(spec, context), guessesAllowed(spec));
        ConnectionPolicy policy = properties.defaults().forConnection(c);
        // the connection's own plan (an option may pick it), else the one the vendor declares
        VendorPlan plan = provider.plan() != null ? provider.plan() : descriptor.plan();
        if (plan != null && policy.quota().limit() == null) {
            // the vendor documents its limit: that is the quota unless the connection says otherwise
            policy = new ConnectionPolicy(
                    new QuotaProperties(
                            plan.requests(),
                            plan.per(),
                            policy.quota().burst(),
                            policy.quota().maxWait(),
                            policy.quota().maxRetryAfter()),
                    policy.cache(),
                    policy.retry(),
                    policy.circuit(),
                    policy.timeout());
        }
        return new Connection(id, c.vendor(), c.baseUrl(), provider, policy);
    }

    /** {@code options.guessed-operations}: {@code on} (default) offers operations that rest on guesses. */
    private static boolean guessesAllowed(ConnectionSpec spec) {
        String value = spec.option(Capabilities.GUESSED_OPERATIONS_OPTION, "on");
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default ->
                throw new InvalidConnectionException(
                        spec.key("options." + Capabilities.GUESSED_OPERATIONS_OPTION),
                        "must be 'on' or 'off', not '" + value + "'");
        };
    }

    /** The self-description of the vendor behind a connection, or empty when the vendor is unknown. */
    public Optional<VendorDescriptor> descriptor(String vendor) {
        return Optional.ofNullable(factories.find(vendor)).map(VideoProviderFactory::descriptor);
    }

    public Optional<Connection> find(String id) {
        return Optional.ofNullable(connections.get(id));
    }

    public Collection<Connection> all() {
        return connections.values();
    }
}
