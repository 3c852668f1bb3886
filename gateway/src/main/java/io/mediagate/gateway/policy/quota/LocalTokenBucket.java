package io.mediagate.gateway.policy.quota;

import io.github.bucket4j.Bucket;
import reactor.core.publisher.Mono;

/** An in-process bucket (single replica, or the fallback while Redis is away). */
final class LocalTokenBucket implements TokenBucket {
    private final Bucket bucket;
    private final boolean fallback;

    private LocalTokenBucket(BucketShape shape, long initialTokens, boolean fallback) {
        this.bucket = Bucket.builder()
                .addLimit(shape.configuration(initialTokens).getBandwidths()[0])
                .build();
        this.fallback = fallback;
    }

    /** The bucket of a single replica: it knows every call, so it may start full. */
    static LocalTokenBucket full(BucketShape shape) {
        return new LocalTokenBucket(shape, shape.burst(), false);
    }

    /** A fallback taking over from the shared bucket, whose recent spending it cannot know: it starts empty. */
    static LocalTokenBucket emptyFallback(BucketShape shape) {
        return new LocalTokenBucket(shape, 0, true);
    }

    @Override
    public Mono<Reservation> reserve() {
        return Mono.fromSupplier(this::take);
    }

    /** {@link #reserve()}, synchronously (an in-process bucket never waits for anything to answer). */
    Reservation take() {
        return new Reservation(bucket.consumeIgnoringRateLimits(1), fallback);
    }

    @Override
    public void giveBack(Reservation reservation) {
        bucket.addTokens(1);
    }

    @Override
    public Mono<Long> available() {
        return Mono.fromSupplier(bucket::getAvailableTokens);
    }

    @Override
    public Mono<Void> drain(long debt) {
        return Mono.fromRunnable(() -> drainNow(debt));
    }

    long availableNow() {
        return bucket.getAvailableTokens();
    }

    void drainNow(long debt) {
        bucket.consumeIgnoringRateLimits(Math.max(0, bucket.getAvailableTokens()) + debt);
    }
}
