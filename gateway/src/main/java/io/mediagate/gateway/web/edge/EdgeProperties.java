package io.mediagate.gateway.web.edge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Socket-level limits ({@code mediagate.limits.*}); header bytes come from {@code server.max-http-request-header-size}.
 *
 * @param maxRequestLine    longest request line (method, target, version) accepted; longer is {@code 414}
 *                          (default {@code 8KB})
 * @param headerReadTimeout time from a request's first byte until its head must be complete; past it the request
 *                          is answered {@code 408} and the connection closed (default {@code 10s})
 * @param idleTimeout       how long a connection with no request in flight may stay silent before it is closed
 *                          (default {@code 60s})
 */
@ConfigurationProperties("mediagate.limits")
public record EdgeProperties(DataSize maxRequestLine, Duration headerReadTimeout, Duration idleTimeout) {
    public EdgeProperties {
        maxRequestLine = maxRequestLine == null ? DataSize.ofKilobytes(8) : maxRequestLine;
        headerReadTimeout = headerReadTimeout == null ? Duration.ofSeconds(10) : headerReadTimeout;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
        if (maxRequestLine.toBytes() < 256 || maxRequestLine.toBytes() > 1024 * 1024) {
            throw new IllegalArgumentException("mediagate.limits.max-request-line must be between 256B and 1MB");
        }
        if (headerReadTimeout.toMillis() < 1 || idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "mediagate.limits.header-read-timeout and idle-timeout must be positive");
        }
    }
}
