package io.mediagate.gateway.policy.quota;

import reactor.core.publisher.Mono;

/** One connection's outbound bucket, in-process or shared through Redis. */
interface TokenBucket {

    /** A reserved token: how long its holder must wait before using it, and whether a fallback bucket gave it. */
    record Reservation(long waitNanos, boolean fallback) {}

    /**
     * Takes one token now, going into debt if none is left, and says how long the caller must wait before using
     * it (0 = at once). Reserving instead of polling keeps waiters in order and tells each one its real wait.
     */
    Mono<Reservation> reserve();

    /**
     * Returns a reserved token the caller will not use (it would have waited too long). Fire and forget: a
     * refused caller is answered at once, not after another Redis round trip.
     */
    void giveBack(Reservation reservation);

    /** Tokens left now; negative when reservations are already waiting for tokens to refill. */
    Mono<Long> available();

    /** Spends every available token plus {@code debt} more, so nobody gets one until the debt refilled. */
    Mono<Void> drain(long debt);
}
