package io.mediagate.gateway.passthrough;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
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
 * (occurrences overwritten byte for byte, so lengths hold) and the vendor's cookies are dropped. A body in a content coding the gateway cannot
 * read is replaced by a problem, since it could not be checked. A vendor that stalls is cut off by the
 * {@link RawForwarder}'s read timeout.
 */
final class ScrubbingResponse extends ServerHttpResponseDecorator {
    private final SecretScrubber scrubber;

    ScrubbingResponse(ServerHttpResponse delegate, SecretScrubber scrubber) {
        super(delegate);
        this.scrubber = scrubber;
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
        Map<String, List<String>> scrubbed = new HashMap<>(2);
        headers.forEach((name, values) -> {
            for (String value : values) {
                if (!scrubber.scrub(value).equals(value)) {
                    scrubbed.put(name, values.stream().map(scrubber::scrub).toList());
                    return;
                }
            }
        });
        scrubbed.forEach(headers::put);
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        if (unreadable()) {
            return replaceWithProblem(body);
        }
        if (body instanceof Mono<? extends DataBuffer> whole) {
            // the whole answer in one buffer (RawForwarder reads small ones whole): scrubbed at once, and still one
            // buffer, so the server writes the response in one go
            return super.writeWith(whole.map(this::scrubbedWhole));
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

    private DataBuffer scrubbedWhole(DataBuffer buffer) {
        if (scrubber.isEmpty()) {
            return buffer;
        }
        byte[] data = new byte[buffer.readableByteCount()];
        buffer.read(data);
        DataBufferUtils.release(buffer);
        scrubber.scrub(data, data.length);
        return bufferFactory().wrap(data);
    }

    private Flux<DataBuffer> scrubbed(Flux<? extends DataBuffer> body) {
        if (scrubber.isEmpty()) {
            return body.map(b -> (DataBuffer) b);
        }
        int hold = scrubber.holdBack();
        return Flux.defer(() -> {
            byte[][] tail = {new byte[0]};
            return body.concatMap(buffer -> {
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
        return "ScrubbingResponse";
    }
}
