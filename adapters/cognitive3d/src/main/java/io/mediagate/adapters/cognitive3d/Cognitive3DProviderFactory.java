package io.mediagate.adapters.cognitive3d;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.VideoProviderFactory;

/** Builds {@link Cognitive3DProvider}s for connections with {@code vendor: cognitive3d}. */
public final class Cognitive3DProviderFactory implements VideoProviderFactory {
    @Override
    public String vendor() {
        return "cognitive3d";
    }

    @Override
    public VideoProvider create(ConnectionSpec spec, ProviderContext context) {
        return new Cognitive3DProvider(spec, context);
    }
}
