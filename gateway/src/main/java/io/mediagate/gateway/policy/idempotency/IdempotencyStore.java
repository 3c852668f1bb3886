package io.mediagate.gateway.policy.idempotency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mediagate.gateway.config.MediagateProperties;
import io.mediagate.gateway.policy.cluster.RedisLink;
import io.mediagate.gateway.web.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Makes a write happen once per {@code Idempotency-Key}: the first request runs, its successful outcome is kept
 * for {@code mediagate.idempotency.ttl}, and a repeat with the same key and body gets that outcome back without
 * a vendor call. Concurrent repeats on one replica join the running call; in cluster mode outcomes live in
 * Redis, and a repeat arriving at another replica while the first still runs gets a retryable 409. A failed
 * call keeps nothing, so the client can try again with the same key. The same key with another body is a 422.
 */
@Component
public class IdempotencyStore {
    private static final byte[] PENDING = "pending".getBytes(StandardCharsets.UTF_8);

    /** What the first request answered: its status and JSON body. */
    public record Outcome(int status, byte[] body) {
    }

    private record Entry(String fingerprint, Mono<Outcome> outcome) {
    }

    private final Cache<String, Entry> local;
    private final RedisLink redis;
    private final Duration ttl;

    public IdempotencyStore(MediagateProperties properties, RedisLink redis) {
        this.ttl = properties.idempotency().ttl();
        this.redis = redis;
        this.local = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    /** Runs {@code work} once for {@code key}; {@code replayed} tells the caller whether the outcome is a replay. */
    public Mono<Replay> once(String key, String fingerprint, Supplier<Mono<Outcome>> work) {
        Entry fresh = new Entry(fingerprint, Mono.defer(work).cache(o -> ttl, e -> Duration.ZERO, () -> Duration.ZERO));
        Entry existing = local.asMap().putIfAbsent(key, fresh);
        if (existing != null) {
            requireSameRequest(existing.fingerprint(), fingerprint);
            return existing.outcome().map(o -> new Replay(o, true))
                    .doOnError(e -> local.asMap().remove(key, existing));
        }
        return shared(key, fingerprint, fresh.outcome())
                .doOnError(e -> local.asMap().remove(key, fresh));
    }

    /** The outcome and whether it was replayed rather than produced now. */
    public record Replay(Outcome outcome, boolean replayed) {
    }

    private Mono<Replay> shared(String key, String fingerprint, Mono<Outcome> run) {
        StatefulRedisConnection<String, byte[]> c = redis.connection().orElse(null);
        if (c == null) {
            // single replica, or Redis away: the local store still makes repeats to this replica safe
            return run.map(o -> new Replay(o, false));
        }
        String redisKey = "mediagate:idem:" + key;
        Duration timeout = redis.cluster().redisTimeout();
        return Mono.fromCompletionStage(() -> c.async().get(redisKey)).timeout(timeout)
                .map(bytes -> decode(bytes, fingerprint))
                .switchIfEmpty(Mono.defer(() -> Mono.fromCompletionStage(() -> c.async().set(redisKey, PENDING,
                                SetArgs.Builder.nx().px(ttl.toMillis()))).timeout(timeout)
                        .flatMap(ok -> "OK".equals(ok) ? run.flatMap(o -> Mono.fromCompletionStage(() ->
                                        c.async().set(redisKey, encode(fingerprint, o),
                                                SetArgs.Builder.xx().px(ttl.toMillis()))).timeout(timeout)
                                        .thenReturn(new Replay(o, false))
                                        .onErrorReturn(new Replay(o, false)))
                                .onErrorResume(e -> Mono.fromCompletionStage(() -> c.async().del(redisKey))
                                        .onErrorResume(x -> Mono.empty()).then(Mono.error(e)))
                                : Mono.error(inFlight()))))
                .onErrorResume(e -> e instanceof java.util.concurrent.TimeoutException
                        || e instanceof io.lettuce.core.RedisException, e -> {
                    redis.markFailure();
                    return run.map(o -> new Replay(o, false));
                });
    }

    private static ApiException inFlight() {
        return new ApiException(HttpStatus.CONFLICT, "idempotency-key-in-flight", "Request in progress",
                "a request with this Idempotency-Key is still running; repeat it in a moment")
                .with("retryable", true).withHeader("Retry-After", "1");
    }

    private static void requireSameRequest(String stored, String fingerprint) {
        if (!stored.equals(fingerprint)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency-Key reused", "this Idempotency-Key was used with a different request")
                    .with("field", "Idempotency-Key");
        }
    }

    private static Replay decode(byte[] bytes, String fingerprint) {
        if (Arrays.equals(bytes, PENDING)) {
            throw inFlight();
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int status = buf.getInt();
        byte[] fp = new byte[buf.getInt()];
        buf.get(fp);
        requireSameRequest(new String(fp, StandardCharsets.UTF_8), fingerprint);
        byte[] body = new byte[buf.remaining()];
        buf.get(body);
        return new Replay(new Outcome(status, body), true);
    }

    private static byte[] encode(String fingerprint, Outcome o) {
        byte[] fp = fingerprint.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + fp.length + o.body().length).putInt(o.status()).putInt(fp.length).put(fp)
                .put(o.body()).array();
    }
}
