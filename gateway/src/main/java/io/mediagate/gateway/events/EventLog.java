package io.mediagate.gateway.events;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mediagate.gateway.policy.cluster.RedisLink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The log of change events. Every replica keeps the newest {@code mediagate.events.retention} in-process, for
 * {@code Last-Event-ID} resume, and passes each to live listeners (SSE streams, webhook deliveries).
 *
 * <p>Single replica: appends are numbered here, 1, 2, 3… In cluster mode events live in a Redis Stream
 * ({@value #STREAM}, capped near the retention): an append is an {@code XADD} (with the change to the
 * connection's shared catalogue, in the same script, so the two never disagree) and its id is the stream entry
 * id; every replica reads the stream into its own log, so each serves every event, in one order. An append made
 * while Redis is away waits in an outbox and is written, in order, when Redis is back.
 */
@Component
public class EventLog implements SmartLifecycle {
    static final String STREAM = "mediagate:events";
    static final String CATALOGUE = "mediagate:events:catalogue:";
    private static final Logger log = LoggerFactory.getLogger(EventLog.class);
    private static final Duration READ_EVERY = Duration.ofMillis(50);
    // the event and the catalogue change it implies, in one step
    private static final String APPEND = "local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', "
            + "'e', ARGV[2]) "
            + "if ARGV[3] == 'put' then redis.call('HSET', KEYS[2], ARGV[4], ARGV[5]) "
            + "elseif ARGV[3] == 'del' then redis.call('HDEL', KEYS[2], ARGV[4]) end "
            + "return id";
    private final int retention;
    private final Clock clock;
    private final RedisLink redis;
    private final JsonMapper json;
    private final Deque<ChangeEvent> kept = new ArrayDeque<>();
    private final Deque<ChangeEvent> outbox = new ArrayDeque<>();
    private final Sinks.Many<ChangeEvent> live = Sinks.many().multicast().directBestEffort();
    private long sequence;
    private volatile String lastRead = "0";
    private volatile Disposable reader;

    public EventLog(EventsProperties properties, Clock clock, RedisLink redis, JsonMapper json) {
        this.retention = properties.retention();
        this.clock = clock;
        this.redis = redis;
        this.json = json;
    }

    /** Records an event; listeners get it at once (single replica) or once it is read back from the stream. */
    public void append(EventType type, String connection, JsonNode data, List<String> changed) {
        if (redis.enabled()) {
            synchronized (outbox) {
                outbox.addLast(new ChangeEvent(null, type.wire(), connection, clock.instant(), data, changed));
            }
            // written by the reader loop (every 50 ms), never on a request's thread
            return;
        }
        synchronized (this) {
            keep(new ChangeEvent(Long.toString(++sequence), type.wire(), connection, clock.instant(), data, changed));
        }
    }

    /** Keeps an event with its id and hands it to live listeners, under the lock so all see id order. */
    private synchronized void keep(ChangeEvent event) {
        kept.addLast(event);
        while (kept.size() > retention) {
            kept.removeFirst();
        }
        live.emitNext(event, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
    }

    /** The kept events after {@code lastId} (all kept events when 0), oldest first. */
    public synchronized List<ChangeEvent> after(long lastId) {
        List<ChangeEvent> out = new ArrayList<>();
        for (ChangeEvent e : kept) {
            if (e.sequence() > lastId) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The kept events after {@code lastId}, then every new one as it is appended, with none lost or repeated
     * in between: live events are buffered from the moment of the call and those already replayed are dropped.
     */
    public Flux<ChangeEvent> from(long lastId) {
        return Flux.defer(() -> {
            // bounded: a listener that falls a whole retention behind is cut off and resumes with Last-Event-ID
            Sinks.Many<ChangeEvent> buffer = Sinks.many()
                    .unicast()
                    .onBackpressureBuffer(Queues.<ChangeEvent>get(retention).get());
            List<ChangeEvent> replay;
            Disposable subscription;
            synchronized (this) {
                subscription = live.asFlux().subscribe(e -> {
                    if (buffer.tryEmitNext(e).isFailure()) {
                        buffer.tryEmitError(new IllegalStateException("listener fell behind the retained events"));
                    }
                });
                replay = after(lastId);
            }
            long last =
                    replay.isEmpty() ? lastId : replay.get(replay.size() - 1).sequence();
            return Flux.fromIterable(replay)
                    .concatWith(buffer.asFlux().filter(e -> e.sequence() > last))
                    .doFinally(s -> subscription.dispose());
        });
    }

    /** Every event as it is kept. */
    public Flux<ChangeEvent> live() {
        return live.asFlux();
    }

    // --- cluster mode ---

    /** Writes the outbox to the stream, oldest first, stopping at the first failure (kept for the next try). */
    private void flush() {
        StatefulRedisConnection<String, byte[]> c = redis.connection().orElse(null);
        if (c == null) {
            return;
        }
        synchronized (outbox) {
            while (!outbox.isEmpty()) {
                ChangeEvent e = outbox.peekFirst();
                try {
                    c.sync()
                            .eval(
                                    APPEND,
                                    ScriptOutputType.VALUE,
                                    new String[] {STREAM, CATALOGUE + e.connection()},
                                    appendArgs(e));
                    outbox.removeFirst();
                } catch (RedisCommandExecutionException refused) {
                    // Redis answered with an error: this append can never succeed, and must not hold the rest
                    log.warn("change event dropped: Redis refused the append: {}", refused.getMessage());
                    outbox.removeFirst();
                } catch (RuntimeException failed) {
                    redis.markFailure();
                    log.debug("event append waits for Redis: {}", failed.getMessage());
                    return;
                }
            }
        }
    }

    private byte[][] appendArgs(ChangeEvent e) {
        JsonNode data = (JsonNode) e.data();
        String op = switch (EventType.fromWire(e.type())) {
            case VIDEO_CREATED, VIDEO_UPDATED -> "put";
            case VIDEO_DELETED -> "del";
            default -> "none";
        };
        String videoId = data.path("id").asString("");
        return new byte[][] {
            bytes(Integer.toString(retention)),
            json.writeValueAsBytes(e),
            bytes(op),
            bytes(videoId),
            json.writeValueAsBytes(data)
        };
    }

    /** Reads what the stream gained since the last read into this replica's log. */
    private Mono<Void> read() {
        StatefulRedisConnection<String, byte[]> c = redis.connection().orElse(null);
        if (c == null) {
            return Mono.empty();
        }
        return Mono.fromCompletionStage(() ->
                        c.async().xread(XReadArgs.Builder.count(500), XReadArgs.StreamOffset.from(STREAM, lastRead)))
                .timeout(redis.cluster().redisTimeout())
                .doOnNext(messages -> {
                    for (StreamMessage<String, byte[]> m : messages) {
                        keep(decode(m.getId(), m.getBody()));
                        lastRead = m.getId();
                    }
                })
                .onErrorResume(e -> {
                    failed(redis, e);
                    return Mono.empty();
                })
                .then();
    }

    /** A stream entry as the event it holds. */
    ChangeEvent decode(String id, Map<String, byte[]> body) {
        ObjectNode e = (ObjectNode) json.readTree(body.get("e"));
        List<String> changed = null;
        if (e.hasNonNull("changed")) {
            changed = new ArrayList<>();
            for (JsonNode n : e.get("changed")) {
                changed.add(n.asString());
            }
        }
        return new ChangeEvent(
                id,
                e.path("type").asString(),
                e.path("connection").asString(),
                Instant.parse(e.path("time").asString()),
                e.get("data"),
                changed);
    }

    /**
     * A Redis call of the events feature failed: a timeout or lost connection takes the link down (as for every
     * Redis user); an error Redis answered with (a missing group after a Redis restart, say) says Redis is fine.
     */
    static void failed(RedisLink redis, Throwable e) {
        if (!(e instanceof RedisCommandExecutionException)) {
            redis.markFailure();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void start() {
        if (redis.enabled()) {
            reader = Flux.interval(READ_EVERY)
                    .onBackpressureDrop()
                    .concatMap(t -> Mono.fromRunnable(this::flush).then(read()), 0)
                    .subscribe();
        }
    }

    @Override
    public void stop() {
        if (reader != null) {
            reader.dispose();
            reader = null;
        }
    }

    @Override
    public boolean isRunning() {
        return reader != null;
    }
}
