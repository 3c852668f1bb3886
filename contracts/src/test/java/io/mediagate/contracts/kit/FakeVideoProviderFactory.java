package io.mediagate.contracts.kit;

import io.mediagate.contracts.spi.Capabilities;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VendorDescriptor;
import io.mediagate.contracts.spi.VendorSetting;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.VideoProviderFactory;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Vendor {@code fake} for tests: {@code credentials.token}, option {@code instance} (which {@link FakeVendor};
 * defaults to the connection id), option {@code capabilities} (comma list; default all) and option
 * {@code unverified} (comma list of those capabilities to flag as resting on guesses; default none).
 */
public final class FakeVideoProviderFactory implements VideoProviderFactory {
    /** The fake vendor's self-description. */
    public static final VendorDescriptor DESCRIPTOR = new VendorDescriptor(
            "fake",
            "Fake",
            List.of(VendorSetting.secret("token", "the token the fake vendor expects")),
            List.of(
                    VendorSetting.plain("instance", "the connection id", "which in-memory vendor state to use"),
                    VendorSetting.plain("capabilities", "all", "comma list of the capabilities to offer"),
                    VendorSetting.plain("unverified", null, "comma list of those to flag as resting on guesses")),
            null,
            new Capabilities(EnumSet.allOf(Capability.class), false));

    @Override
    public VendorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public VideoProvider create(ConnectionSpec spec, ProviderContext context) {
        String token = spec.requireCredential("token");
        Set<Capability> capabilities = capabilities(spec, "capabilities", EnumSet.allOf(Capability.class));
        Set<Capability> unverified = capabilities(spec, "unverified", EnumSet.noneOf(Capability.class));
        return new FakeVideoProvider(
                spec.id(),
                FakeVendor.named(spec.option("instance", spec.id())),
                token,
                new Capabilities(capabilities, false, Set.of(), unverified),
                context.clock());
    }

    private static Set<Capability> capabilities(ConnectionSpec spec, String option, Set<Capability> fallback) {
        String listed = spec.option(option, null);
        if (listed == null) {
            return fallback;
        }
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        for (String name : listed.split(",")) {
            try {
                capabilities.add(Capability.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidConnectionException(
                        spec.key("options." + option), "names no capability " + name.trim());
            }
        }
        return capabilities;
    }
}
