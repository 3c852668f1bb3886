package io.mediagate.contracts.spi;

import java.util.Optional;

/**
 * Builds providers for one vendor. Adapters register an implementation in
 * {@code META-INF/services/io.mediagate.contracts.spi.VideoProviderFactory}; the gateway finds them with
 * {@link java.util.ServiceLoader} and so knows no vendor by name: everything it needs to know about a vendor
 * (credentials, options, plan, capabilities) comes from {@link #descriptor()}.
 */
public interface VideoProviderFactory {

    /** What this vendor module declares about itself. */
    VendorDescriptor descriptor();

    /** The vendor name used in {@code mediagate.connections.<id>.vendor}. */
    default String vendor() {
        return descriptor().id();
    }

    /**
     * A connection of this vendor with placeholder settings its validation accepts, for the image build's training
     * run; empty leaves the vendor out of it.
     */
    default Optional<PlaceholderConnection> placeholder() {
        return Optional.empty();
    }

    /**
     * A provider for one connection. Throws {@link InvalidConnectionException} naming the key when the spec
     * lacks something this vendor needs, so a bad configuration stops start-up. The gateway has already checked
     * the spec's keys against {@link #descriptor()}.
     */
    VideoProvider create(ConnectionSpec spec, ProviderContext context);
}
