package io.mediagate.gateway.policy.quota;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * Hands one connection's tokens to waiting calls by class. Every call still reserves its own token from the bucket
 * on arrival (so reservations stay in order, the bucket's window guarantee and Redis sharing are untouched), but a
 * token that comes due goes to the best call waiting <em>then</em>: the highest class, unless a lower class that is
 * waiting would otherwise get less than its floor: any {@value #FLOOR_WINDOW} consecutive tokens hold at least
 * {@code floor}% for a class that waited throughout. With one class this is exactly
 * first come, first served: the n-th waiter gets the n-th token, at its own reservation's time.
 *
 * <p>A call is refused at once, with the wait as Retry-After, when the token it would get (the one after every
 * waiter of its class or higher) comes after its deadline. A lower-class call admitted in time may be pushed back
 * by higher-class arrivals; it is refused when its deadline comes, so no wait is ever longer than its budget. A
 * refused or cancelled waiter leaves its token to the waiters behind it (or, on one replica, gives the latest
 * token back to the bucket).
 */
final class ClassGate {
    /** How many recent tokens the floors are measured over. */
    static final int FLOOR_WINDOW = 50;

    private final TokenBucket bucket;
    private final Scheduler timers;
    private final LongSupplier nanos;
    private final long periodNanos;
    private final boolean byClass;
    private final boolean exclusive;
    private final Map<PriorityClass, Integer> floors;
    private final EnumMap<PriorityClass, Deque<Waiter>> waiting = new EnumMap<>(PriorityClass.class);
    /** Reserved tokens not yet due, by due time (then reservation order). */
    private final TreeMap<Long, Deque<Pending>> pending = new TreeMap<>();

    private int pendingCount;
    private final Deque<PriorityClass> lastGrants = new ArrayDeque<>();
    private long grants;
    private final EnumMap<PriorityClass, Deque<Long>> usedByClass = new EnumMap<>(PriorityClass.class);
    private final Map<String, Deque<Long>> usedByClient = new HashMap<>();
    private final Map<String, Integer> waitingByClient = new HashMap<>();
    /** Lower-class reservations on their way to the shared bucket (see {@code OutboundQuota.clusterHorizon}). */
    final AtomicInteger lowerInFlight = new AtomicInteger();

    /**
     * @param exclusive whether this gate holds every reservation of the bucket (one replica). Then a waiter that
     *                  leaves gives the latest token back, which frees exactly the latest slot. A shared bucket's
     *                  latest slot may be another replica's: giving back there would let the next reservation
     *                  double-book that slot, so a leaving waiter's token stays and serves the next waiter sooner
     * @param byClass false = priorities off: every call is served first come, first served (shares still apply)
     * @param floors  per class, the percentage of recent tokens it gets while it waits, whatever waits above it
     */
    ClassGate(
            TokenBucket bucket,
            boolean exclusive,
            Scheduler timers,
            LongSupplier nanos,
            long periodNanos,
            boolean byClass,
            Map<PriorityClass, Integer> floors) {
        this.bucket = bucket;
        this.exclusive = exclusive;
        this.timers = timers;
        this.nanos = nanos;
        this.periodNanos = periodNanos;
        this.byClass = byClass;
        this.floors = Map.copyOf(floors);
        for (PriorityClass c : PriorityClass.values()) {
            waiting.put(c, new ArrayDeque<>());
            usedByClass.put(c, new ArrayDeque<>());
        }
    }

    private record Pending(long due, TokenBucket.Reservation reservation) {}

    private final class Waiter {
        final QuotaTicket ticket;
        final PriorityClass rank;
        final long since;
        MonoSink<Long> sink;
        volatile Disposable deadlineTimer;

        Waiter(QuotaTicket ticket, long since) {
            this.ticket = ticket;
            this.rank = byClass ? ticket.priority() : PriorityClass.INTERACTIVE;
            this.since = since;
        }
    }

    /**
     * Waits for a token for a call holding {@code reservation}; completes with the nanos waited, or fails with
     * {@link QuotaExceededException} (the token given back) when no token would come by {@code deadline}.
     * {@code pausedNanos} is a vendor pause still to run: nobody is handed a token before it ends anyway.
     */
    Mono<Long> await(
            String connection,
            QuotaTicket ticket,
            TokenBucket.Reservation reservation,
            long deadline,
            long pausedNanos) {
        return Mono.create(sink -> {
            long now = nanos.getAsLong();
            Waiter w = new Waiter(ticket, now);
            Pending token = null;
            Pending givenBack = null;
            long refuse = -1;
            synchronized (this) {
                if (idle() && reservation.waitNanos() <= 0 && pausedNanos <= 0) {
                    granted(w, now);
                } else {
                    token = new Pending(now + Math.max(0, reservation.waitNanos()), reservation);
                    pending.computeIfAbsent(token.due, k -> new ArrayDeque<>()).addLast(token);
                    pendingCount++;
                    long wait = Math.max(dueOfToken(aheadOf(w.rank)) - now, pausedNanos);
                    if (now + wait - deadline > 0) {
                        givenBack = remove(token);
                        refuse = wait;
                    } else {
                        w.sink = sink;
                        waiting.get(w.rank).addLast(w);
                        waitingByClient.merge(clientKey(ticket), 1, Integer::sum);
                    }
                }
            }
            // timers are set outside the lock: a virtual-time scheduler runs a task that is due at once
            if (token == null) {
                sink.success(0L);
            } else if (refuse >= 0) {
                bucket.giveBack(givenBack.reservation);
                sink.error(new QuotaExceededException(connection, Duration.ofNanos(refuse)));
            } else {
                sink.onCancel(() -> abandon(w));
                Pending mine = token;
                timers.schedule(() -> due(mine), Math.max(0, mine.due - now), TimeUnit.NANOSECONDS);
                w.deadlineTimer =
                        timers.schedule(() -> expire(connection, w), Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
            }
        });
    }

    /** A reserved token is due: it goes to the best waiter now, or back to the bucket if nobody waits. */
    private void due(Pending token) {
        Waiter chosen;
        long now = nanos.getAsLong();
        synchronized (this) {
            Deque<Pending> at = pending.get(token.due);
            if (at == null || !at.remove(token)) {
                return; // given back already, for a waiter that left
            }
            if (at.isEmpty()) {
                pending.remove(token.due);
            }
            pendingCount--;
            chosen = pick();
            if (chosen != null) {
                waiting.get(chosen.rank).remove(chosen);
                leaveWaiting(chosen);
                granted(chosen, now);
            }
        }
        if (chosen == null) {
            // a token already due is not given back: the bucket would hand it out again later, as one more call
            // in a later window; it is spent unused, like the token of a call cancelled on its way out
            return;
        }
        Disposable timer = chosen.deadlineTimer;
        if (timer != null) {
            timer.dispose();
        }
        chosen.sink.success(now - chosen.since);
    }

    /** The deadline came first: the waiter is refused and one not-yet-due token goes back. */
    private void expire(String connection, Waiter w) {
        Pending back;
        long retry;
        synchronized (this) {
            if (!waiting.get(w.rank).remove(w)) {
                return;
            }
            if (dueNowFor(w)) {
                // its token is due this instant and its own timer hands it over; should a higher class take that
                // token first, this look comes again a moment later, so the wait stays bounded
                w.deadlineTimer = timers.schedule(() -> expire(connection, w), 1, TimeUnit.MILLISECONDS);
                return;
            }
            leaveWaiting(w);
            back = exclusive ? removeLatest() : null;
            // when this waiter's turn would come now, with everyone of its class or higher still ahead
            retry = pendingCount == 0
                    ? periodNanos / 10
                    : Math.max(0, dueOfToken(aheadOf(w.rank) - 1) - nanos.getAsLong());
        }
        if (back != null) {
            bucket.giveBack(back.reservation);
        }
        w.sink.error(new QuotaExceededException(connection, Duration.ofNanos(Math.max(retry, 1))));
    }

    private void abandon(Waiter w) {
        Pending back;
        synchronized (this) {
            if (!waiting.get(w.rank).remove(w)) {
                return;
            }
            leaveWaiting(w);
            back = exclusive ? removeLatest() : null;
        }
        Disposable timer = w.deadlineTimer;
        if (timer != null) {
            timer.dispose();
        }
        if (back != null) {
            bucket.giveBack(back.reservation);
        }
    }

    /**
     * The waiter that gets the next token: the highest class waiting, unless a lower waiting class would still be
     * at or under its floor with this token (then the highest such class).
     */
    private Waiter pick() {
        PriorityClass best = null;
        for (PriorityClass c : PriorityClass.values()) {
            if (waiting.get(c).isEmpty()) {
                continue;
            }
            if (best == null) {
                best = c;
            } else if (belowFloor(c)) {
                best = c;
                break;
            }
        }
        return best == null ? null : waiting.get(best).peekFirst();
    }

    private boolean belowFloor(PriorityClass c) {
        int floor = floors.getOrDefault(c, 0);
        if (floor <= 0) {
            return false;
        }
        long had = lastGrants.stream().filter(g -> g == c).count();
        return (had + 1) * 100 <= (long) floor * (lastGrants.size() + 1);
    }

    private void granted(Waiter w, long now) {
        lastGrants.addLast(w.rank);
        // the decision for a token looks at the ones before it: with it, they make a run of FLOOR_WINDOW
        if (lastGrants.size() > FLOOR_WINDOW - 1) {
            lastGrants.removeFirst();
        }
        prune(usedByClass.get(w.ticket.priority()), now).addLast(now);
        prune(usedByClient.computeIfAbsent(clientKey(w.ticket), k -> new ArrayDeque<>()), now)
                .addLast(now);
        if (++grants % 1024 == 0) {
            // clients that went quiet (JWT subjects come and go) leave no entry behind
            usedByClient.values().forEach(times -> prune(times, now));
            usedByClient.entrySet().removeIf(e -> e.getValue().isEmpty() && !waitingByClient.containsKey(e.getKey()));
        }
    }

    private void leaveWaiting(Waiter w) {
        waitingByClient.computeIfPresent(clientKey(w.ticket), (k, n) -> n <= 1 ? null : n - 1);
    }

    private boolean idle() {
        return waiting.values().stream().allMatch(Deque::isEmpty);
    }

    /** Waiters that would be served before a newcomer of class {@code rank}: its class and every higher one. */
    private int aheadOf(PriorityClass rank) {
        int n = 0;
        for (PriorityClass c : PriorityClass.values()) {
            if (c.ordinal() <= rank.ordinal()) {
                n += waiting.get(c).size();
            }
        }
        return n;
    }

    /** When the {@code index}-th (0-based) pending token is due. */
    private long dueOfToken(int index) {
        int i = 0;
        for (Map.Entry<Long, Deque<Pending>> e : pending.entrySet()) {
            i += e.getValue().size();
            if (i > Math.max(0, index)) {
                return e.getKey();
            }
        }
        return pending.isEmpty() ? nanos.getAsLong() : pending.lastKey();
    }

    /** Whether a token is due by now and would go to {@code w}: a deadline that ties with its token loses. */
    private boolean dueNowFor(Waiter w) {
        return !pending.isEmpty() && pending.firstKey() - nanos.getAsLong() <= 0 && pick() == w;
    }

    private Pending remove(Pending token) {
        Deque<Pending> at = pending.get(token.due);
        if (at != null && at.remove(token)) {
            if (at.isEmpty()) {
                pending.remove(token.due);
            }
            pendingCount--;
        }
        return token;
    }

    private Pending removeLatest() {
        if (pending.isEmpty()) {
            return null;
        }
        Map.Entry<Long, Deque<Pending>> last = pending.lastEntry();
        Pending p = last.getValue().pollLast();
        if (last.getValue().isEmpty()) {
            pending.remove(last.getKey());
        }
        pendingCount--;
        return p;
    }

    private static String clientKey(QuotaTicket t) {
        return t.client() == null ? "" : t.client();
    }

    // ---- shares and what the quota view shows

    /**
     * How long until {@code client} may take another token under a share of {@code allowed} tokens per period
     * (0 = now): its tokens of the last period plus its waiting calls must stay under {@code allowed}.
     */
    synchronized long shareWait(String client, long allowed) {
        long now = nanos.getAsLong();
        Deque<Long> used = prune(usedByClient.getOrDefault(client, new ArrayDeque<>()), now);
        long inUse = used.size() + waitingByClient.getOrDefault(client, 0);
        if (inUse < allowed) {
            return 0;
        }
        // the (inUse - allowed + 1)-th oldest token of the last period must leave the window first
        long over = inUse - allowed;
        Iterator<Long> it = used.iterator();
        long at = now + periodNanos;
        for (long i = 0; it.hasNext() && i <= over; i++) {
            at = it.next() + periodNanos;
        }
        return Math.max(1, at - now);
    }

    /** What the view shows: calls waiting and tokens used in the last period, by class and by client. */
    synchronized QuotaUse snapshot() {
        long now = nanos.getAsLong();
        Map<PriorityClass, Integer> waitingNow = new EnumMap<>(PriorityClass.class);
        Map<PriorityClass, Integer> used = new EnumMap<>(PriorityClass.class);
        for (PriorityClass c : PriorityClass.values()) {
            waitingNow.put(c, waiting.get(c).size());
            used.put(c, prune(usedByClass.get(c), now).size());
        }
        Map<String, Integer> byClient = new HashMap<>();
        List<String> idleClients = new ArrayList<>();
        usedByClient.forEach((client, times) -> {
            int n = prune(times, now).size();
            if (n > 0) {
                byClient.put(client, n);
            } else if (!waitingByClient.containsKey(client)) {
                idleClients.add(client);
            }
        });
        idleClients.forEach(usedByClient::remove);
        return new QuotaUse(waitingNow, used, byClient, Map.copyOf(waitingByClient));
    }

    /** How far ahead this gate's reservations reach: when its latest reserved token is due, from now. */
    synchronized long reservedAhead() {
        return pending.isEmpty() ? 0 : Math.max(0, pending.lastKey() - nanos.getAsLong());
    }

    /** Calls waiting now of class {@code c} (a gauge). */
    synchronized int waiting(PriorityClass c) {
        return waiting.get(c).size();
    }

    private Deque<Long> prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= periodNanos) {
            times.removeFirst();
        }
        return times;
    }
}
