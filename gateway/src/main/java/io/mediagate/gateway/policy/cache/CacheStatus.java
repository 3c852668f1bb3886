package io.mediagate.gateway.policy.cache;

/**
 * How a read was answered, rendered as an RFC 9211 {@code Cache-Status} member for the cache named
 * {@code mediagate}: from the cache ({@code hit}), from the vendor after a miss or a client {@code no-cache}
 * ({@code fwd=miss|request; stored}), stale because the vendor failed ({@code fwd=stale; fwd-status=…}), or
 * not cached at all on this connection ({@code fwd=bypass}).
 */
public enum CacheStatus {
    HIT("hit"),
    MISS("miss"),
    BYPASS("bypass"),
    STALE("stale"),
    DISABLED("disabled");

    private final String metric;

    CacheStatus(String metric) {
        this.metric = metric;
    }

    /** The {@code result} tag of {@code mediagate_cache_requests}. */
    public String metric() {
        return metric;
    }

    /**
     * The {@code mediagate.cache} attribute of the request's server span: the decision the {@code Cache-Status}
     * header states ({@code hit}, or its {@code fwd=} reason).
     */
    public String spanValue() {
        return switch (this) {
            case HIT -> "hit";
            case MISS -> "miss";
            case BYPASS -> "request";
            case STALE -> "stale";
            case DISABLED -> "bypass";
        };
    }

    public String header(long ttlSeconds, int failedStatus) {
        return switch (this) {
            case HIT -> "mediagate; hit; ttl=" + ttlSeconds;
            case MISS -> "mediagate; fwd=miss; stored";
            case BYPASS -> "mediagate; fwd=request; stored";
            case STALE -> "mediagate; fwd=stale; fwd-status=" + failedStatus + "; ttl=" + ttlSeconds;
            case DISABLED -> "mediagate; fwd=bypass";
        };
    }
}
