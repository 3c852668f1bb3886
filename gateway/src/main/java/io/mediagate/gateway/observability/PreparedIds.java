package io.mediagate.gateway.observability;

import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.function.Supplier;

/**
 * The tracer's ids: random, except for the one span a thread started inside {@link #startWith}, which gets the ids
 * decided for it beforehand. {@link EarlySampling} decides a request's trace before any span exists; when its
 * server span is started after all (a failure), it must be the trace the vendor was already told about.
 */
final class PreparedIds implements IdGenerator {
    static final PreparedIds INSTANCE = new PreparedIds();

    private static final IdGenerator RANDOM = IdGenerator.random();
    private static final ThreadLocal<String[]> NEXT = new ThreadLocal<>();

    private PreparedIds() {}

    /**
     * Runs {@code start}; the first span it starts gets {@code spanId} and, when it has no parent, {@code traceId}
     * (the SDK draws a root span's span id first, then its trace id). Later spans get random ids again.
     */
    static <T> T startWith(String traceId, String spanId, Supplier<T> start) {
        NEXT.set(new String[] {traceId, spanId});
        try {
            return start.get();
        } finally {
            NEXT.remove();
        }
    }

    @Override
    public String generateSpanId() {
        String id = take(1);
        return id != null ? id : RANDOM.generateSpanId();
    }

    @Override
    public String generateTraceId() {
        String id = take(0);
        return id != null ? id : RANDOM.generateTraceId();
    }

    /** The prepared id in {@code slot} (0 trace, 1 span), handed out once; null when none is left. */
    private static String take(int slot) {
        String[] next = NEXT.get();
        if (next == null) {
            return null;
        }
        String id = next[slot];
        next[slot] = null;
        return id;
    }
}
