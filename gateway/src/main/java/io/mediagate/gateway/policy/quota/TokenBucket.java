package io.mediagate.gateway.policy.quota;

import reactor.core.publisher.Mono;

/** One connection's outbound bucket, in-process or shared through Redis. */
interface TokenBucket {

    /** The outcome of trying to take one token: taken, or how long until one refills. */
    record Take(boolean taken, long nanosToWait) {
    }

    Mono<Take> tryTake();

    /** Spends every available token plus {@code debt} more, so nobody gets one until the debt refilled. */
    Mono<Void> drain(long debt);
}
