package io.mediagate.adapters.cognitive3d;

import io.mediagate.contracts.spi.Capabilities;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.PlaceholderConnection;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VendorDescriptor;
import io.mediagate.contracts.spi.VendorSetting;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.VideoProviderFactory;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds {@link Cognitive3DProvider}s for connections with {@code vendor: cognitive3d}. */
public final class Cognitive3DProviderFactory implements VideoProviderFactory {
    /** Cognitive3D's self-description; update and upload are opt-ins that rest on guesses. */
    static final VendorDescriptor DESCRIPTOR = new VendorDescriptor(
            "cognitive3d",
            "Cognitive3D",
            List.of(
                    VendorSetting.secret(
                            "api-key",
                            "the organisation API key (Organization Settings → Manage API "
                                    + "Keys). Keep it read-only unless you need `DELETE` (or an opted-in `PATCH`)."),
                    VendorSetting.plain(
                            "key-format",
                            "orgkey",
                            "`orgkey`: keys issued since May 2025, sent as the "
                                    + "whole header value `Authorization: orgkey-…` (the `orgkey-` prefix is added if the "
                                    + "configured value lacks it). `legacy`: keys issued before May 2025, sent as "
                                    + "`Authorization: APIKEY:ORGANIZATION <key>`. Never `Bearer`.")),
            List.of(
                    VendorSetting.requiredPlain(
                            "project-id", "integer id of the project whose media library this connection serves."),
                    VendorSetting.plain(
                            "update-route",
                            "none",
                            "`none`: `PATCH` answers `501 "
                                    + "unsupported-capability`. `put-media`: `PATCH` sends the **guessed** `PUT "
                                    + "/projects/{p}/media/{id}` with `{\"name\",\"description\"}`; `update` is then listed "
                                    + "as `unverified`. Set it only once you have confirmed the route for your account. "
                                    + "Anything else stops start-up naming the key."),
                    VendorSetting.plain(
                            "upload-passthrough-url",
                            null,
                            "this connection's gateway passthrough "
                                    + "URL, e.g. `https://mediagate.example.com/v1/connections/c3d-main/raw`. When set, "
                                    + "`POST /uploads` returns tickets that upload **through the gateway** to the **guessed** "
                                    + "upload route (see below), and `direct_upload` is listed as `unverified`; unset = "
                                    + "`direct_upload` unsupported.")),
            null,
            new Capabilities(
                    EnumSet.of(Capability.DELETE, Capability.UPDATE, Capability.DIRECT_UPLOAD),
                    false,
                    Set.of(),
                    EnumSet.of(Capability.UPDATE, Capability.DIRECT_UPLOAD)),
            Set.of(),
            Set.of("orgkey-", "APIKEY:ORGANIZATION ", "APIKEY:DEVELOPER ", "APIKEY:DATA "));

    @Override
    public VendorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<PlaceholderConnection> placeholder() {
        return Optional.of(
                new PlaceholderConnection(Map.of("api-key", "orgkey-t-0000000000000000"), Map.of("project-id", "1")));
    }

    @Override
    public VideoProvider create(ConnectionSpec spec, ProviderContext context) {
        return new Cognitive3DProvider(spec, context);
    }
}
