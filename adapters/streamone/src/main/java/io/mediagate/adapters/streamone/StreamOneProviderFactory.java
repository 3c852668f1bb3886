package io.mediagate.adapters.streamone;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.VideoProviderFactory;

/** Builds {@link StreamOneProvider}s for connections with {@code vendor: streamone}. */
public final class StreamOneProviderFactory implements VideoProviderFactory {
    @Override
    public String vendor() {
        return "streamone";
    }

    @Override
    public VideoProvider create(ConnectionSpec spec, ProviderContext context) {
        return new StreamOneProvider(spec, context);
    }
}
