package io.mediagate.gateway.policy.quota;

import reactor.core.publisher.Mono;

/** One connection's outbound bucket, in-process or shared through Redis. */
interface TokenBucket {

    /**
     * Takes one token now, going into debt if none is left, and says how long the caller must wait before using
     * it (0 = at once). Reserving instead of polling keeps waiters in order and tells each one its real wait.
     */
    Mono<Long> reserve();

    /** Returns a reserved token the caller will not use (it would have waited too long). */
    Mono<Void> giveBack();

    /** Spends every available token plus {@code debt} more, so nobody gets one until the debt refilled. */
    Mono<Void> drain(long debt);
}
