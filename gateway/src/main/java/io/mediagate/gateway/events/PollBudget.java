package io.mediagate.gateway.events;

import io.mediagate.gateway.config.QuotaProperties;
import io.mediagate.gateway.connection.Connection;
import java.time.Duration;

/**
 * The poller's own allowance on one connection: at most {@code share × limit} vendor calls in each quota
 * period (at least one), counted in fixed windows. Without a quota there is no allowance to keep to; the poll
 * interval and {@code max-pages} bound the calls.
 */
final class PollBudget {
    private final long allowance;
    private final long windowNanos;
    private long windowStart = System.nanoTime();
    private long used;

    PollBudget(Connection c, double share) {
        QuotaProperties q = c.policy().quota();
        if (q.limit() == null) {
            allowance = Long.MAX_VALUE;
            windowNanos = Duration.ofDays(1).toNanos();
        } else {
            allowance = Math.max(1, (long) Math.floor(q.limit() * share));
            windowNanos = q.period().toNanos();
        }
    }

    /** Takes one call from the allowance, if any is left in this window. */
    synchronized boolean tryTake() {
        long now = System.nanoTime();
        if (now - windowStart >= windowNanos) {
            windowStart = now - (now - windowStart) % windowNanos;
            used = 0;
        }
        if (used >= allowance) {
            return false;
        }
        used++;
        return true;
    }

    /** How long until the allowance has a call again: zero when one is left in this window. */
    synchronized Duration untilNextCall() {
        long now = System.nanoTime();
        if (now - windowStart >= windowNanos || used < allowance) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(windowNanos - (now - windowStart));
    }

    long allowance() {
        return allowance;
    }
}
