package io.mediagate.gateway.policy.quota;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.mediagate.gateway.config.QuotaProperties;
import java.time.Duration;

/**
 * The token bucket for a vendor limit of {@code limit} calls per {@code period}: {@code burst} tokens at most,
 * refilling {@code limit - burst} per period. Any window of one period then holds at most {@code limit} calls,
 * whatever the vendor's window alignment, so the vendor never has to answer 429 because of us; the price is
 * that steady-state use is {@code (limit - burst) / limit} of the plan (90% with the default burst).
 */
public record BucketShape(long burst, long refill, Duration period) {

    public static BucketShape of(QuotaProperties quota, int replicas) {
        long limit = Math.max(1, quota.limit() / Math.max(1, replicas));
        long burst = quota.burst() != null ? Math.min(quota.burst(), limit) : Math.max(1, limit / 10);
        burst = Math.max(1, burst);
        long refill = Math.max(1, limit - burst);
        return new BucketShape(burst, refill, quota.period());
    }

    /** The bucket, starting full. */
    public BucketConfiguration configuration() {
        return configuration(burst);
    }

    /**
     * The bucket, starting with {@code initialTokens}. A bucket that may replace one whose spending it cannot
     * know (the shared one after Redis lost it, a fallback taking over from the shared one) starts empty: then
     * any window of one period still holds at most {@code limit} calls, counting what was spent before.
     */
    public BucketConfiguration configuration(long initialTokens) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(burst)
                        .refillGreedy(refill, period)
                        .initialTokens(Math.max(0, Math.min(burst, initialTokens)))
                        .build())
                .build();
    }

    /** Tokens that refill during {@code d}, rounded up: the debt that pauses the bucket for {@code d}. */
    public long tokensFor(Duration d) {
        return (long) Math.ceil((double) refill * d.toNanos() / period.toNanos());
    }
}
