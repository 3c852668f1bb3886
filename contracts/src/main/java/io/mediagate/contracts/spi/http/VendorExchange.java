package io.mediagate.contracts.spi.http;

import io.mediagate.contracts.spi.ProviderException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import reactor.core.publisher.Mono;

/**
 * Sends a prepared WebClient request and reads the whole answer, turning transport failures (refused
 * connection, reset, premature close, timeouts) into {@code UNAVAILABLE}. Vendor statuses are left for the
 * adapter's own error mapper, which knows the vendor's error shapes.
 */
public final class VendorExchange {
    private VendorExchange() {}

    public static Mono<VendorResponse> send(WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(response -> DataBufferUtils.join(response.bodyToFlux(DataBuffer.class))
                        .map(buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            DataBufferUtils.release(buffer);
                            return bytes;
                        })
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> new VendorResponse(
                                response.statusCode().value(),
                                response.headers().asHttpHeaders(),
                                bytes)))
                .onErrorMap(
                        VendorExchange::isTransportFailure,
                        e -> ProviderException.unavailable(
                                "the vendor could not be reached: "
                                        + e.getClass().getSimpleName(),
                                0,
                                e));
    }

    static boolean isTransportFailure(Throwable e) {
        if (e instanceof ProviderException) {
            return false;
        }
        return e instanceof WebClientException
                || e instanceof IOException
                || e instanceof ConnectException
                || e instanceof TimeoutException
                || e.getCause() instanceof IOException;
    }
}
