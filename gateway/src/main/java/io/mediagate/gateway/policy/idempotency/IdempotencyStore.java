package io.mediagate.gateway.policy.idempotency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mediagate.gateway.config.MediagateProperties;
import io.mediagate.gateway.policy.cluster.RedisLink;
import io.mediagate.gateway.web.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes a write happen once per {@code Idempotency-Key}: the first request runs, its successful outcome is kept
 * for {@code mediagate.idempotency.ttl}, and a repeat with the same key and body gets that outcome back without
 * a vendor call. Concurrent repeats on one replica join the running call. In cluster mode outcomes live in Redis,
 * and the running call holds a short lease there ({@code mediagate.idempotency.lease}) that its replica renews
 * while it works: a repeat arriving at another replica meanwhile gets a retryable 409 with Retry-After, and if the
 * owner dies the lease lapses and the next repeat runs the call. So no key is stuck longer than one lease. A
 * failed call keeps nothing, so the client can try again with the same key. The same key with another body is a
 * 422.
 */
@Component
public class IdempotencyStore {
    private static final byte PENDING = 'P';
    private static final byte OUTCOME = 'O';
    private static final byte[] LEGACY_PENDING = "pending".getBytes(StandardCharsets.UTF_8);
    // only the owner of a lease may renew or release it: compare, then act, in one step
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then " + "return redis.call('del', KEYS[1]) else return 0 end";

    /** What the first request answered: its status and JSON body. */
    public record Outcome(int status, byte[] body) {}

    /** The outcome and whether it was replayed rather than produced now. */
    public record Replay(Outcome outcome, boolean replayed) {}

    private record Entry(String fingerprint, Mono<Replay> replay) {}

    private final Cache<String, Entry> local;
    private final RedisLink redis;
    private final Duration ttl;
    private final Duration lease;

    public IdempotencyStore(MediagateProperties properties, RedisLink redis) {
        this.ttl = properties.idempotency().ttl();
        this.lease = properties.idempotency().lease();
        this.redis = redis;
        this.local =
                Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    /** Runs {@code work} once for {@code key}; the answer says whether the outcome is a replay. */
    public Mono<Replay> once(String key, String fingerprint, Supplier<Mono<Outcome>> work) {
        Entry fresh = new Entry(
                fingerprint,
                Mono.defer(() -> shared(key, fingerprint, Mono.defer(work)))
                        .cache(r -> ttl, e -> Duration.ZERO, () -> Duration.ZERO));
        Entry existing = local.asMap().putIfAbsent(key, fresh);
        if (existing != null) {
            requireSameRequest(existing.fingerprint(), fingerprint);
            return existing.replay()
                    .map(r -> new Replay(r.outcome(), true))
                    .doOnError(e -> local.asMap().remove(key, existing));
        }
        return fresh.replay().doOnError(e -> local.asMap().remove(key, fresh));
    }

    private Mono<Replay> shared(String key, String fingerprint, Mono<Outcome> run) {
        StatefulRedisConnection<String, byte[]> c = redis.connection().orElse(null);
        if (c == null) {
            // single replica, or Redis away: the local store still makes repeats to this replica safe
            return run.map(o -> new Replay(o, false));
        }
        String redisKey = "mediagate:idem:" + key;
        byte[] pending = pending(UUID.randomUUID().toString(), fingerprint);
        Duration timeout = redis.cluster().redisTimeout();
        // one round trip for the common case: claim the key; only when that fails, look at what holds it
        Mono<Claim> claim = Mono.fromCompletionStage(() ->
                        c.async().set(redisKey, pending, SetArgs.Builder.nx().px(lease.toMillis())))
                .timeout(timeout)
                .map(ok -> "OK".equals(ok))
                // Lettuce completes a refused SET NX with null: an empty Mono, not "false"
                .defaultIfEmpty(false)
                .flatMap(claimed -> claimed
                        ? Mono.just(Claim.OURS)
                        : Mono.fromCompletionStage(() -> c.async().get(redisKey))
                                .timeout(timeout)
                                .map(bytes -> new Claim(decode(bytes, fingerprint), false))
                                // the holder just failed (and released), or its lease lapsed: retry soon
                                .switchIfEmpty(Mono.error(inFlight())))
                .onErrorResume(e -> e instanceof TimeoutException || e instanceof RedisException, e -> {
                    redis.markFailure();
                    return Mono.just(Claim.REDIS_FAILED);
                });
        return claim.flatMap(found -> {
            if (found.replay() != null) {
                return Mono.just(found.replay());
            }
            // Redis failed: fail open and run here; this replica's local store still dedupes its own repeats
            return found.ours()
                    ? runHoldingLease(c, redisKey, pending, fingerprint, run)
                    : run.map(o -> new Replay(o, false));
        });
    }

    /** What claiming a key found: the lease is ours, another request's outcome, or Redis failed. */
    private record Claim(Replay replay, boolean ours) {
        static final Claim OURS = new Claim(null, true);
        static final Claim REDIS_FAILED = new Claim(null, false);
    }

    private Mono<Replay> runHoldingLease(
            StatefulRedisConnection<String, byte[]> c,
            String redisKey,
            byte[] pending,
            String fingerprint,
            Mono<Outcome> run) {
        Duration timeout = redis.cluster().redisTimeout();
        byte[] leaseMillis = Long.toString(lease.toMillis()).getBytes(StandardCharsets.UTF_8);
        return Mono.defer(() -> {
            Disposable renewal = Flux.interval(lease.dividedBy(3))
                    .concatMap(t -> Mono.fromCompletionStage(() -> c.async()
                                    .<Long>eval(
                                            RENEW,
                                            ScriptOutputType.INTEGER,
                                            new String[] {redisKey},
                                            pending,
                                            leaseMillis))
                            .timeout(timeout)
                            .onErrorResume(e -> Mono.empty()))
                    .subscribe();
            return run.doFinally(s -> renewal.dispose())
                    .flatMap(o -> Mono.fromCompletionStage(() ->
                                    c.async().set(redisKey, encode(fingerprint, o), SetArgs.Builder.px(ttl.toMillis())))
                            .timeout(timeout)
                            .thenReturn(new Replay(o, false))
                            .onErrorReturn(new Replay(o, false)))
                    .onErrorResume(e -> Mono.fromCompletionStage(() -> c.async()
                                    .<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[] {redisKey}, pending))
                            .timeout(timeout)
                            .onErrorResume(x -> Mono.empty())
                            .then(Mono.error(e)));
        });
    }

    private static ApiException inFlight() {
        return new ApiException(
                        HttpStatus.CONFLICT,
                        "idempotency-key-in-flight",
                        "Request in progress",
                        "a request with this Idempotency-Key is still running; repeat it in a moment")
                .with("retryable", true)
                .withHeader("Retry-After", "1");
    }

    private static void requireSameRequest(String stored, String fingerprint) {
        if (!stored.equals(fingerprint)) {
            throw new ApiException(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "idempotency-key-reused",
                            "Idempotency-Key reused",
                            "this Idempotency-Key was used with a different request")
                    .with("field", "Idempotency-Key");
        }
    }

    private static byte[] pending(String owner, String fingerprint) {
        return (((char) PENDING) + owner + "\n" + fingerprint).getBytes(StandardCharsets.UTF_8);
    }

    private static Replay decode(byte[] bytes, String fingerprint) {
        if (bytes.length > 0 && bytes[0] == PENDING) {
            String value = new String(bytes, StandardCharsets.UTF_8);
            requireSameRequest(value.substring(value.indexOf('\n') + 1), fingerprint);
            throw inFlight();
        }
        if (Arrays.equals(bytes, LEGACY_PENDING)) {
            throw inFlight();
        }
        // an outcome; one written before leases existed has no marker byte (its status' first byte is 0)
        int from = bytes.length > 0 && bytes[0] == OUTCOME ? 1 : 0;
        ByteBuffer buf = ByteBuffer.wrap(bytes, from, bytes.length - from);
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
        return ByteBuffer.allocate(9 + fp.length + o.body().length)
                .put(OUTCOME)
                .putInt(o.status())
                .putInt(fp.length)
                .put(fp)
                .put(o.body())
                .array();
    }
}
