package io.mediagate.gateway.connection;

import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.gateway.config.ConnectionPolicy;
import java.net.URI;

/** A configured connection: its provider (the adapter instance) and its effective policy settings. */
public record Connection(String id, String vendor, URI baseUrl, VideoProvider provider, ConnectionPolicy policy) {}
