package io.mediagate.contracts.kit;

import io.mediagate.contracts.spi.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The in-memory "vendor" behind {@link FakeVideoProvider}: videos, ingest jobs, a token it accepts, a queue of
 * one-shot failures, and a count of calls so tests can assert that a request never reached it.
 */
public final class FakeVendor {
    private static final Map<String, FakeVendor> INSTANCES = new ConcurrentHashMap<>();

    /** One stored video in the fake's own (already normalized) shape. */
    public record Item(
            String id,
            String title,
            String description,
            List<String> tags,
            Map<String, String> metadata,
            Instant createdAt,
            Instant updatedAt) {}

    final Map<String, Item> videos = new ConcurrentHashMap<>();
    final Map<String, String> ingests = new ConcurrentHashMap<>();
    private final Deque<Supplier<ProviderException>> faults = new ArrayDeque<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> callTimes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private final String token;

    public FakeVendor(String token) {
        this.token = token;
        reset();
    }

    /** The shared instance with this name (created seeded, accepting token {@code fake-token}). */
    public static FakeVendor named(String name) {
        return INSTANCES.computeIfAbsent(name, n -> new FakeVendor("fake-token"));
    }

    public String token() {
        return token;
    }

    public synchronized void reset() {
        videos.clear();
        ingests.clear();
        faults.clear();
        calls.set(0);
        callTimes.clear();
        latency = Duration.ZERO;
        Instant base = Instant.parse("2026-01-01T10:00:00Z");
        for (int i = 1; i <= 7; i++) {
            String id = "fake" + String.format("%08d", i);
            Instant at = base.plusSeconds(3600L * i);
            videos.put(
                    id,
                    new Item(
                            id,
                            "Fake video " + i,
                            "Seeded video number " + i,
                            i % 2 == 0 ? List.of("even") : List.of("odd"),
                            Map.of("seq", String.valueOf(i)),
                            at,
                            at));
        }
        sequence.set(100);
    }

    public int calls() {
        return calls.get();
    }

    /** When each call arrived ({@link System#nanoTime()}), oldest first. */
    public List<Long> callTimes() {
        return List.copyOf(callTimes);
    }

    /** Every later call waits this long before answering, like a slow vendor. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    Duration latency() {
        return latency;
    }

    public synchronized void failNext(Supplier<ProviderException> fault) {
        faults.add(fault);
    }

    /** The next {@code n} calls fail with the vendor's 5xx equivalent. */
    public void failNext(int n) {
        for (int i = 0; i < n; i++) {
            failNext(() -> ProviderException.unavailable("fake vendor answered HTTP 503", 503, null));
        }
    }

    /** Counts the call and throws the next queued fault, if any. */
    synchronized void enter() {
        calls.incrementAndGet();
        callTimes.add(System.nanoTime());
        Supplier<ProviderException> fault = faults.poll();
        if (fault != null) {
            throw fault.get();
        }
    }

    String nextId(String prefix) {
        return prefix + String.format("%08d", sequence.incrementAndGet());
    }

    List<Item> newestFirst() {
        List<Item> all = new ArrayList<>(videos.values());
        all.sort((a, b) -> b.createdAt().compareTo(a.createdAt()) != 0
                ? b.createdAt().compareTo(a.createdAt())
                : b.id().compareTo(a.id()));
        return all;
    }

    Map<String, String> copy(Map<String, String> m) {
        return new LinkedHashMap<>(m);
    }
}
