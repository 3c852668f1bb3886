package io.mediagate.adapters.streamone.internal;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * A StreamOne connection: {@code credentials.authentication-type} ({@code application} or {@code user}),
 * {@code actor-id}, {@code psk}, and {@code account} or {@code customer} (exactly one). Options:
 * {@code clock-skew} (seconds added to our clock when stamping requests), and the action names, which StreamOne
 * documents only partly: {@code update-action} (default {@code item/setproperties}), {@code delete-action}
 * ({@code item/delete}), {@code tag-argument} ({@code keywords}).
 */
public record StreamOneProperties(
        URI baseUrl,
        String authenticationType,
        String actorId,
        String psk,
        String account,
        String customer,
        Duration clockSkew,
        String updateAction,
        String deleteAction,
        String tagArgument) {

    public static StreamOneProperties from(ConnectionSpec spec) {
        String type = spec.credentials()
                .getOrDefault("authentication-type", "application")
                .toLowerCase(Locale.ROOT);
        if (!type.equals("application") && !type.equals("user")) {
            throw new InvalidConnectionException(
                    spec.key("credentials.authentication-type"), "must be application or user");
        }
        String actor = spec.requireCredential("actor-id");
        String psk = spec.requireCredential("psk");
        String account = spec.credential("account");
        String customer = spec.credential("customer");
        if ((account == null) == (customer == null)) {
            throw new InvalidConnectionException(
                    spec.key("credentials.account"), "or credentials.customer is required, and not both");
        }
        long skew;
        try {
            skew = Long.parseLong(spec.option("clock-skew", "0"));
        } catch (NumberFormatException e) {
            throw new InvalidConnectionException(spec.key("options.clock-skew"), "must be a number of seconds");
        }
        return new StreamOneProperties(
                spec.baseUrl(),
                type,
                actor,
                psk,
                account,
                customer,
                Duration.ofSeconds(skew),
                spec.option("update-action", "item/setproperties"),
                spec.option("delete-action", "item/delete"),
                spec.option("tag-argument", "keywords"));
    }

    @Override
    public String toString() {
        return "StreamOneProperties[baseUrl=" + baseUrl + ", authenticationType=" + authenticationType + ", account="
                + account + ", customer=" + customer + "]";
    }
}
