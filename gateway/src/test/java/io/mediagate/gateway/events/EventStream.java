package io.mediagate.gateway.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

/** A client of {@code GET /v1/events} over real HTTP, collecting what arrives. */
final class EventStream implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One received event: SSE id and name, the JSON data parsed, and when it arrived. */
    record Received(String id, String event, Map<String, Object> data, long arrivedNanos) {
        @SuppressWarnings("unchecked")
        Map<String, Object> video() {
            return (Map<String, Object>) data.get("data");
        }
    }

    private final BlockingQueue<Received> queue;
    private final Disposable subscription;

    private EventStream(BlockingQueue<Received> queue, Disposable subscription) {
        this.queue = queue;
        this.subscription = subscription;
    }

    @SuppressWarnings("unchecked")
    static EventStream open(int port, String query, String auth, String lastEventId) {
        BlockingQueue<Received> q = new LinkedBlockingQueue<>();
        var spec = WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/v1/events" + query)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header("Authorization", auth);
        if (lastEventId != null) {
            spec = spec.header("Last-Event-ID", lastEventId);
        }
        Disposable d = spec.retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .filter(e -> e.data() != null)
                .subscribe(e ->
                        q.add(new Received(e.id(), e.event(), JSON.readValue(e.data(), Map.class), System.nanoTime())));
        return new EventStream(q, d);
    }

    /** The next event that matches, waiting up to {@code timeout}; fails the test if none comes. */
    Received next(Predicate<Received> matches, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            Received r = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no matching event within " + timeout.toMillis() + " ms");
            }
            if (matches.test(r)) {
                return r;
            }
        }
    }

    /** Everything that arrived so far and was not taken yet. */
    List<Received> drain() {
        List<Received> out = new ArrayList<>();
        queue.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
