package io.mediagate.adapters.cincopa;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.PlaceholderConnection;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VendorDescriptor;
import io.mediagate.contracts.spi.VendorSetting;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.VideoProviderFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds {@link CincopaProvider}s for connections with {@code vendor: cincopa}. */
public final class CincopaProviderFactory implements VideoProviderFactory {
    /** Cincopa's self-description; the token travels as the {@code api_token} query parameter. */
    static final VendorDescriptor DESCRIPTOR = new VendorDescriptor(
            "cincopa",
            "Cincopa",
            List.of(VendorSetting.secret(
                    "api-token", "sent as `api_token` on every call (Cincopa accepts no header auth)")),
            List.of(
                    VendorSetting.plain("upload-ttl", "3600", "seconds an upload URL stays valid (60–86400)"),
                    VendorSetting.plain(
                            "asset-type", "video", "the `type` filter that decides which assets are videos")),
            null,
            CincopaProvider.CAPABILITIES,
            Set.of("api_token"),
            Set.of());

    @Override
    public VendorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<PlaceholderConnection> placeholder() {
        return Optional.of(new PlaceholderConnection(Map.of("api-token", "t-token-0000000000000000"), Map.of()));
    }

    @Override
    public VideoProvider create(ConnectionSpec spec, ProviderContext context) {
        return new CincopaProvider(spec, context);
    }
}
