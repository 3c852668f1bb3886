package io.mediagate.adapters.parone;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.VideoProviderFactory;

/** Builds {@link ParOneProvider}s for connections with {@code vendor: parone}. */
public final class ParOneProviderFactory implements VideoProviderFactory {
    @Override
    public String vendor() {
        return "parone";
    }

    @Override
    public VideoProvider create(ConnectionSpec spec, ProviderContext context) {
        return new ParOneProvider(spec, context);
    }
}
