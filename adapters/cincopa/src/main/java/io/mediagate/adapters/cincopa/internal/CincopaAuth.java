package io.mediagate.adapters.cincopa.internal;

import io.mediagate.contracts.spi.OutboundRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Cincopa authenticates every call with an {@code api_token} query parameter; headers are not accepted. */
public final class CincopaAuth {
    static final String PARAM = "api_token";
    private final String token;

    public CincopaAuth(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    /** The raw request with exactly one {@code api_token}: ours, replacing any the caller sent. */
    public OutboundRequest authorize(OutboundRequest request) {
        List<String> kept = new ArrayList<>();
        for (String pair : request.rawQuery().split("&")) {
            if (!pair.isEmpty() && !pair.startsWith(PARAM + "=") && !pair.equals(PARAM)) {
                kept.add(pair);
            }
        }
        kept.add(PARAM + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return request.withRawQuery(String.join("&", kept));
    }
}
