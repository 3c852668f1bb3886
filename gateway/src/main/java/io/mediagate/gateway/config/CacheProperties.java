package io.mediagate.gateway.config;

import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;

/**
 * Read cache of one connection: {@code ttl} for single videos, {@code listTtl} for list pages,
 * {@code staleIfError} how long past expiry an entry may still be served when the vendor fails,
 * {@code maxWeightBytes} the memory bound; {@code enabled=false} turns caching off.
 *
 * @param enabled        read cache on or off
 * @param ttl            how long a cached video is fresh
 * @param listTtl        how long a cached list page is fresh
 * @param staleIfError   how long past freshness an entry may still be served when the vendor fails
 * @param maxWeightBytes memory bound of the connection's cache, in bytes
 */
public record CacheProperties(
        Boolean enabled,
        Duration ttl,
        Duration listTtl,
        Duration staleIfError,
        @PositiveOrZero Long maxWeightBytes) {
    CacheProperties merge(CacheProperties base) {
        return base == null
                ? this
                : new CacheProperties(
                        enabled != null ? enabled : base.enabled,
                        ttl != null ? ttl : base.ttl,
                        listTtl != null ? listTtl : base.listTtl,
                        staleIfError != null ? staleIfError : base.staleIfError,
                        maxWeightBytes != null ? maxWeightBytes : base.maxWeightBytes);
    }
}
