package io.mediagate.contracts.kit;

import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.VideoProviderFactory;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Vendor {@code fake} for tests: {@code credentials.token}, option {@code instance} (which {@link FakeVendor};
 * defaults to the connection id) and option {@code capabilities} (comma list; default all).
 */
public final class FakeVideoProviderFactory implements VideoProviderFactory {
    @Override
    public String vendor() {
        return "fake";
    }

    @Override
    public VideoProvider create(ConnectionSpec spec, ProviderContext context) {
        String token = spec.requireCredential("token");
        Set<Capability> capabilities = EnumSet.allOf(Capability.class);
        String listed = spec.option("capabilities", null);
        if (listed != null) {
            capabilities = EnumSet.noneOf(Capability.class);
            for (String name : listed.split(",")) {
                try {
                    capabilities.add(Capability.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidConnectionException(spec.key("options.capabilities"), "names no capability "
                            + name.trim());
                }
            }
        }
        return new FakeVideoProvider(spec.id(), FakeVendor.named(spec.option("instance", spec.id())), token,
                capabilities, context.clock());
    }
}
