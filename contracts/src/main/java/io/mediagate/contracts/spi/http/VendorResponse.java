package io.mediagate.contracts.spi.http;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;

/** A vendor's whole answer, read into memory: status, headers and body bytes (never null). */
public record VendorResponse(int status, HttpHeaders headers, byte[] body) {
    public VendorResponse {
        body = body == null ? new byte[0] : body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean is2xx() {
        return status >= 200 && status < 300;
    }
}
