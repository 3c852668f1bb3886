package io.mediagate.adapters.cincopa;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.VideoProviderFactory;

/** Builds {@link CincopaProvider}s for connections with {@code vendor: cincopa}. */
public final class CincopaProviderFactory implements VideoProviderFactory {
    @Override
    public String vendor() {
        return "cincopa";
    }

    @Override
    public VideoProvider create(ConnectionSpec spec, ProviderContext context) {
        return new CincopaProvider(spec, context);
    }
}
