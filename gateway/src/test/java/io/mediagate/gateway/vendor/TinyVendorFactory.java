package io.mediagate.gateway.vendor;

import io.mediagate.contracts.kit.FakeVendor;
import io.mediagate.contracts.kit.FakeVideoProvider;
import io.mediagate.contracts.spi.Capabilities;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VendorDescriptor;
import io.mediagate.contracts.spi.VendorPlan;
import io.mediagate.contracts.spi.VendorSetting;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.VideoProviderFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A sixth vendor that exists only in test scope, registered only in this test tree's
 * {@code META-INF/services}: it proves a vendor module plus its registration is all the gateway needs. Its
 * {@code region} credential is plain (its value {@code application} must never be masked), its
 * {@code access-code} secret, and it declares a plan the gateway must turn into the connection's quota.
 */
public final class TinyVendorFactory implements VideoProviderFactory {
    static final VendorDescriptor DESCRIPTOR = new VendorDescriptor(
            "tinyvid",
            "TinyVid",
            List.of(
                    VendorSetting.secret("access-code", "the account's access code"),
                    VendorSetting.plain("region", "eu", "the region the account lives in")),
            List.of(VendorSetting.plain("instance", "the connection id", "which in-memory library to serve")),
            new VendorPlan(3, Duration.ofHours(1)),
            Capabilities.of(Capability.DELETE, Capability.TAGS),
            Set.of("x-tiny-code"),
            Set.of("tiny_"));

    @Override
    public VendorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public VideoProvider create(ConnectionSpec spec, ProviderContext context) {
        return new FakeVideoProvider(
                spec.id(),
                FakeVendor.named(spec.option("instance", spec.id())),
                spec.requireCredential("access-code"),
                DESCRIPTOR.capabilities(),
                context.clock());
    }
}
