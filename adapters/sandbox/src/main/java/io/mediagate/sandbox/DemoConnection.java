package io.mediagate.sandbox;

import java.util.Map;

/** A connection demo mode configures against a running simulator: id, vendor, base URL, credentials, options. */
public record DemoConnection(
        String id, String vendor, String baseUrl, Map<String, String> credentials, Map<String, String> options) {
    public DemoConnection {
        credentials = Map.copyOf(credentials);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
