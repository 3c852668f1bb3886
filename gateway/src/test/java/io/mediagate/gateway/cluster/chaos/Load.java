package io.mediagate.gateway.cluster.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Open-loop load: GETs at a fixed rate, round-robin over the replicas, each answer recorded. */
final class Load implements AutoCloseable {
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

    /** One answer; {@code status} -1 when the replica could not be reached. */
    record Answer(
            int replica,
            long sentNanos,
            long tookNanos,
            int status,
            String retryAfter,
            String contentType,
            String type) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final List<String> replicas;
    private final String path;
    private final String authorization;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();

    Load(List<String> replicaBaseUrls, String path, String authorization) {
        this.replicas = replicaBaseUrls;
        this.path = path;
        this.authorization = authorization;
    }

    void start(double perSecond) {
        long every = (long) (1e9 / perSecond);
        ticker.scheduleAtFixedRate(this::send, 0, every, TimeUnit.NANOSECONDS);
    }

    private void send() {
        int replica = Math.floorMod(next.getAndIncrement(), replicas.size());
        HttpRequest request = HttpRequest.newBuilder(URI.create(replicas.get(replica) + path))
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(15))
                .build();
        long sent = System.nanoTime();
        inFlight.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            long took = System.nanoTime() - sent;
            if (r == null) {
                answers.add(new Answer(replica, sent, took, -1, null, null, null));
            } else {
                Matcher m = TYPE.matcher(r.body());
                answers.add(new Answer(
                        replica,
                        sent,
                        took,
                        r.statusCode(),
                        r.headers().firstValue("Retry-After").orElse(null),
                        r.headers().firstValue("Content-Type").orElse(null),
                        m.find() ? m.group(1) : null));
            }
            inFlight.decrementAndGet();
        });
    }

    /** Stops sending and waits for the answers still outstanding. */
    List<Answer> stop() {
        ticker.shutdownNow();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            Chaos.sleep(50);
        }
        return new ArrayList<>(answers);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
