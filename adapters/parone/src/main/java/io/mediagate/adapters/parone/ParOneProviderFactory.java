package io.mediagate.adapters.parone;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.PlaceholderConnection;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VendorDescriptor;
import io.mediagate.contracts.spi.VendorPlan;
import io.mediagate.contracts.spi.VendorSetting;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.VideoProviderFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds {@link ParOneProvider}s for connections with {@code vendor: parone}. */
public final class ParOneProviderFactory implements VideoProviderFactory {
    /** ParOne's self-description; its credentials travel in {@code X-Parone-*} headers. */
    static final VendorDescriptor DESCRIPTOR = new VendorDescriptor(
            "parone",
            "ParOne",
            List.of(
                    VendorSetting.secret("sync-code", "every read (`X-Parone-Sync-Code`); never sent on writes"),
                    VendorSetting.optionalSecret(
                            "api-key",
                            "writes with `write-auth: key-secret` or `both` "
                                    + "(`X-Parone-Api-Key`), together with `api-secret`; never sent on reads. One without "
                                    + "the other stops start-up; both unset: read-only"),
                    VendorSetting.optionalSecret(
                            "api-secret", "the secret sent with `api-key` " + "(`X-Parone-Api-Secret`)"),
                    VendorSetting.optionalSecret(
                            "api-token",
                            "writes with `write-auth: authorization` or `both`, "
                                    + "sent verbatim as `Authorization` (include a scheme word such as `Bearer ` if ParOne "
                                    + "gives you one)"),
                    VendorSetting.optionalSecret(
                            "mmi-key",
                            "sent on every call as `X-ParOne-MMI-Key`, and on reads "
                                    + "as the documented `mmi` query parameter: the connection sees and changes only that "
                                    + "sub-organisation")),
            List.of(
                    VendorSetting.plain(
                            "mmi-id",
                            "the MMI key",
                            "the value of the `mmi` read parameter, if ParOne "
                                    + "knows the sub-organisation there by an id other than its key (needs `mmi-key`)"),
                    VendorSetting.plain(
                            "plan",
                            "standard",
                            "the documented limit the connection's quota defaults to: `standard` (100 requests/min) "
                                    + "or `enterprise` (1000)"),
                    VendorSetting.plain(
                            "write-auth",
                            "key-secret",
                            "how writes authenticate: `key-secret` (the API "
                                    + "overview), `authorization` (the content page's `Authorization` header), or `both` "
                                    + "(send both)"),
                    VendorSetting.plain(
                            "content-path",
                            "/content/",
                            "path of the content endpoints: create is `POST <content-path>`"),
                    VendorSetting.plain(
                            "update-route",
                            "PUT /content/{contentKey}",
                            "the update call, "
                                    + "`\"<METHOD> <path>\"` with `METHOD` one of `PUT`, `PATCH`, `POST`; without "
                                    + "`{contentKey}` in the path the key goes in the JSON body as `contentKey`"),
                    VendorSetting.plain(
                            "update-method",
                            "PUT",
                            "shorthand for the method of the default `update-route` (`PUT` or `PATCH`)"),
                    VendorSetting.plain(
                            "delete-route",
                            "DELETE /content/{contentKey}",
                            "the delete call, as `update-route`, with `DELETE` or `POST`")),
            new VendorPlan(100, Duration.ofMinutes(1)),
            ParOneProvider.CAPABILITIES,
            Set.of(
                    "sync-code",
                    "api-key",
                    "api-secret",
                    "mmi-key",
                    "x-parone-sync-code",
                    "x-parone-api-key",
                    "x-parone-api-secret",
                    "x-parone-mmi-key"),
            Set.of());

    @Override
    public VendorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<PlaceholderConnection> placeholder() {
        return Optional.of(new PlaceholderConnection(
                Map.of("sync-code", "t-sync-code", "api-key", "t-api-key", "api-secret", "t-api-secret"), Map.of()));
    }

    @Override
    public VideoProvider create(ConnectionSpec spec, ProviderContext context) {
        return new ParOneProvider(spec, context);
    }
}
