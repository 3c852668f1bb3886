package io.mediagate.gateway.passthrough;

import io.mediagate.contracts.spi.ProviderException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The client's side of a raw answer: header values and the streamed body pass through a {@link SecretScrubber}
 * (occurrences overwritten byte for byte, so lengths hold), the vendor's cookies are dropped, and a body that
 * stalls for longer than {@code idle} between chunks is cut off. A body in a content coding the gateway cannot
 * read is replaced by a problem, since it could not be checked.
 */
final class ScrubbingResponse extends ServerHttpResponseDecorator {
    private final SecretScrubber scrubber;
    private final Duration idle;

    ScrubbingResponse(ServerHttpResponse delegate, SecretScrubber scrubber, Duration idle) {
        super(delegate);
        this.scrubber = scrubber;
        this.idle = idle;
        delegate.beforeCommit(() -> {
            scrubHeaders(getHeaders());
            return Mono.empty();
        });
    }

    private void scrubHeaders(HttpHeaders headers) {
        headers.remove(HttpHeaders.SET_COOKIE);
        if (scrubber.isEmpty()) {
            return;
        }
        for (String name : List.copyOf(headers.headerNames())) {
            List<String> values = headers.get(name);
            if (values == null) {
                continue;
            }
            List<String> scrubbed = values.stream().map(scrubber::scrub).toList();
            if (!scrubbed.equals(values)) {
                headers.put(name, scrubbed);
            }
        }
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        if (unreadable()) {
            return replaceWithProblem(body);
        }
        return super.writeWith(scrubbed(Flux.from(body)));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        if (unreadable()) {
            return replaceWithProblem(Flux.from(body).concatMap(p -> p));
        }
        return super.writeAndFlushWith(
                scrubbed(Flux.from(body).concatMap(p -> p)).map(Mono::just));
    }

    private boolean unreadable() {
        String coding = getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
        return coding != null && !coding.isBlank() && !coding.strip().equalsIgnoreCase("identity");
    }

    private Mono<Void> replaceWithProblem(Publisher<? extends DataBuffer> body) {
        Flux.from(body).subscribe(DataBufferUtils::release, e -> {});
        byte[] problem = ("{\"type\":\"https://mediagate.dev/problems/vendor-upstream-error\",\"title\":\"The vendor "
                        + "answered unexpectedly\",\"status\":502,\"detail\":\"the vendor answered in a content coding the "
                        + "gateway cannot check for secrets\",\"retryable\":false}")
                .getBytes(StandardCharsets.UTF_8);
        setStatusCode(HttpStatus.BAD_GATEWAY);
        HttpHeaders h = getHeaders();
        for (String name : List.copyOf(h.headerNames())) {
            if (!name.equalsIgnoreCase("X-Request-Id")) {
                h.remove(name);
            }
        }
        h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        h.setContentLength(problem.length);
        return super.writeWith(Mono.just(bufferFactory().wrap(problem)));
    }

    private Flux<DataBuffer> scrubbed(Flux<? extends DataBuffer> body) {
        Flux<? extends DataBuffer> bounded = body.timeout(
                idle,
                Flux.error(() -> ProviderException.unavailable(
                        "the vendor stopped sending its answer for longer than " + idle.toMillis() + " ms", 0, null)));
        if (scrubber.isEmpty()) {
            return bounded.map(b -> (DataBuffer) b);
        }
        int hold = scrubber.holdBack();
        return Flux.defer(() -> {
            byte[][] tail = {new byte[0]};
            return bounded.concatMap(buffer -> {
                        int n = buffer.readableByteCount();
                        byte[] data = Arrays.copyOf(tail[0], tail[0].length + n);
                        buffer.read(data, tail[0].length, n);
                        DataBufferUtils.release(buffer);
                        scrubber.scrub(data, data.length);
                        int keep = Math.min(hold, data.length);
                        tail[0] = Arrays.copyOfRange(data, data.length - keep, data.length);
                        int emit = data.length - keep;
                        return emit == 0
                                ? Mono.<DataBuffer>empty()
                                : Mono.just(bufferFactory().wrap(Arrays.copyOf(data, emit)));
                    })
                    .concatWith(Mono.fromSupplier(() -> tail[0])
                            .filter(t -> t.length > 0)
                            .map(t -> bufferFactory().wrap(t)));
        });
    }

    /** For tests and the log: never the values. */
    @Override
    public String toString() {
        return "ScrubbingResponse[" + Map.of("idle", idle) + "]";
    }
}
