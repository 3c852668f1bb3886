package io.mediagate.adapters.streamone;

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

/** Builds {@link StreamOneProvider}s for connections with {@code vendor: streamone}. */
public final class StreamOneProviderFactory implements VideoProviderFactory {
    /**
     * StreamOne's self-description. The pre-shared key signs; the actor id is sent in clear but names who may
     * sign, so it is kept out of logs and answers too. The account and the authentication type are plain (and
     * {@code application} would otherwise be masked in every {@code application/json}).
     */
    static final VendorDescriptor DESCRIPTOR = new VendorDescriptor(
            "streamone",
            "StreamOne",
            List.of(
                    VendorSetting.plain("authentication-type", "application", "`application` or `user` actor"),
                    VendorSetting.secret("actor-id", "the application or user id (sent as `application=` or `user=`)"),
                    VendorSetting.secret("psk", "the actor's pre-shared key; signs, never sent"),
                    VendorSetting.plain("account", null, "the account the actions run in (this or `customer`)"),
                    VendorSetting.plain("customer", null, "the customer the actions run in (this or `account`)")),
            List.of(
                    VendorSetting.plain(
                            "clock-skew",
                            "0",
                            "seconds added to the gateway clock when stamping "
                                    + "requests (status 2 means the clocks disagree)"),
                    VendorSetting.plain("update-action", "item/setproperties", "action used for updates (a guess)"),
                    VendorSetting.plain("delete-action", "item/delete", "action used for deletes (a guess)"),
                    VendorSetting.plain(
                            "tag-argument",
                            "keywords",
                            "item field and `item/view` argument holding tags (the argument is a guess)")),
            null,
            StreamOneProvider.CAPABILITIES,
            Set.of("signature", "psk"),
            Set.of());

    @Override
    public VendorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<PlaceholderConnection> placeholder() {
        return Optional.of(new PlaceholderConnection(
                Map.of(
                        "authentication-type",
                        "application",
                        "actor-id",
                        "t-actor",
                        "psk",
                        "t-psk-0000000000000000",
                        "account",
                        "t-account"),
                Map.of()));
    }

    @Override
    public VideoProvider create(ConnectionSpec spec, ProviderContext context) {
        return new StreamOneProvider(spec, context);
    }
}
