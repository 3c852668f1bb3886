package io.mediagate.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A vendor's own request limit (e.g. 100 requests a minute), as a fixed window per caller. Simulators use it to
 * answer 429 exactly when the real vendor would, so tests can prove the gateway never makes them.
 */
public final class FixedWindowLimit {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private Instant windowStart;
    private int used;

    public FixedWindowLimit(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.windowStart = clock.instant();
    }

    /** Null when the request may go on, else how long until the window resets. */
    public synchronized Duration tryAcquire() {
        Instant now = clock.instant();
        if (!now.isBefore(windowStart.plus(window))) {
            windowStart = now;
            used = 0;
        }
        if (used < limit) {
            used++;
            return null;
        }
        Duration wait = Duration.between(now, windowStart.plus(window));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    public synchronized void reset() {
        windowStart = clock.instant();
        used = 0;
    }

    public int limit() {
        return limit;
    }
}
