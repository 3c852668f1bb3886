package io.mediagate.contracts.spi;

/**
 * Builds providers for one vendor. Adapters register an implementation in
 * {@code META-INF/services/io.mediagate.contracts.spi.VideoProviderFactory}; the gateway finds them with
 * {@link java.util.ServiceLoader} and so knows no vendor by name.
 */
public interface VideoProviderFactory {

    /** The vendor name used in {@code mediagate.connections.<id>.vendor}. */
    String vendor();

    /**
     * A provider for one connection. Throws {@link InvalidConnectionException} naming the key when the spec
     * lacks something this vendor needs, so a bad configuration stops start-up.
     */
    VideoProvider create(ConnectionSpec spec, ProviderContext context);
}
