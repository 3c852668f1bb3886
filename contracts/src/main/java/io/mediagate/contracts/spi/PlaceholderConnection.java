package io.mediagate.contracts.spi;

import java.util.Map;

/**
 * Settings a connection of one vendor validates with, though no account is behind them: what the image build's
 * training run connects with, so that the start-up cache holds every adapter's request path.
 *
 * @param credentials placeholder credentials, shaped as the adapter's validation wants them (not secrets)
 * @param options     the options the adapter requires, with placeholder values
 */
public record PlaceholderConnection(Map<String, String> credentials, Map<String, String> options) {
    public PlaceholderConnection {
        credentials = Map.copyOf(credentials);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
