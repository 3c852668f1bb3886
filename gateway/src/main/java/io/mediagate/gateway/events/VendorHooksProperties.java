package io.mediagate.gateway.events;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Vendor webhooks taken as wake-up calls for the poller: a connection listed here answers
 * {@code POST /hooks/{connection}/{token}} by polling its catalogue at once (within the poller's share). The call
 * carries no data the gateway trusts, so an unsigned vendor delivery (Cincopa's) is safe to accept.
 *
 * @param tokens connection id to the secret token in its hook URL (at least 24 characters; the connection must be
 *     polled, see {@code mediagate.events.poll})
 */
@Validated
@ConfigurationProperties("mediagate.events.vendor-hooks")
public record VendorHooksProperties(Map<String, String> tokens) {
    static final int MIN_TOKEN = 24;

    public VendorHooksProperties {
        tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
        for (Map.Entry<String, String> e : tokens.entrySet()) {
            // the value is a secret: the message names the key, never the value
            if (e.getValue() == null || e.getValue().length() < MIN_TOKEN) {
                throw new IllegalArgumentException("mediagate.events.vendor-hooks.tokens." + e.getKey()
                        + " must be at least " + MIN_TOKEN + " characters");
            }
        }
    }
}
