package io.mediagate.gateway.passthrough;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Raw passthrough limits: {@code maxBodySize} bounds a streamed request body (it is never held in memory);
 * {@code maxSignedBodySize} bounds a body the vendor signs (StreamOne), which must be read whole to sign.
 *
 * @param maxBodySize       largest streamed passthrough request body
 * @param maxSignedBodySize largest passthrough request body the vendor signs (read whole to sign)
 */
@ConfigurationProperties("mediagate.passthrough")
public record PassthroughProperties(DataSize maxBodySize, DataSize maxSignedBodySize) {
    public PassthroughProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofGigabytes(1) : maxBodySize;
        maxSignedBodySize = maxSignedBodySize == null ? DataSize.ofMegabytes(1) : maxSignedBodySize;
    }
}
