package io.mediagate.gateway.policy.quota;

import io.github.bucket4j.Bucket;
import reactor.core.publisher.Mono;

/** An in-process bucket (single replica, or the fallback while Redis is away). */
final class LocalTokenBucket implements TokenBucket {
    private final Bucket bucket;

    LocalTokenBucket(BucketShape shape) {
        this.bucket = Bucket.builder().addLimit(shape.configuration().getBandwidths()[0]).build();
    }

    @Override
    public Mono<Long> reserve() {
        return Mono.fromSupplier(() -> bucket.consumeIgnoringRateLimits(1));
    }

    @Override
    public Mono<Void> giveBack() {
        return Mono.fromRunnable(() -> bucket.addTokens(1));
    }

    @Override
    public Mono<Void> drain(long debt) {
        return Mono.fromRunnable(() -> bucket.consumeIgnoringRateLimits(Math.max(0, bucket.getAvailableTokens())
                + debt));
    }
}
