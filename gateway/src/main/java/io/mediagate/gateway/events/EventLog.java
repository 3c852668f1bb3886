package io.mediagate.gateway.events;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The replica's bounded in-process log of change events: appends number events in one sequence (so events are
 * ordered per connection and across them), keep the newest {@code mediagate.events.retention}, and pass each one
 * to live listeners (SSE streams, webhook deliveries).
 */
@Component
public class EventLog {
    private final int retention;
    private final Clock clock;
    private final Deque<ChangeEvent> kept = new ArrayDeque<>();
    private final Sinks.Many<ChangeEvent> live = Sinks.many().multicast().directBestEffort();
    private long sequence;

    public EventLog(EventsProperties properties, Clock clock) {
        this.retention = properties.retention();
        this.clock = clock;
    }

    /** Records an event and hands it to live listeners; returns it with its id and time. */
    public ChangeEvent append(EventType type, String connection, Object data, List<String> changed) {
        ChangeEvent event;
        synchronized (this) {
            event = new ChangeEvent(Long.toString(++sequence), type.wire(), connection, clock.instant(), data,
                    changed);
            kept.addLast(event);
            while (kept.size() > retention) {
                kept.removeFirst();
            }
            // emitted under the lock, so every listener sees events in id order
            live.emitNext(event, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofMillis(100)));
        }
        return event;
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
            Sinks.Many<ChangeEvent> buffer = Sinks.many().unicast()
                    .onBackpressureBuffer(Queues.<ChangeEvent>get(retention).get());
            List<ChangeEvent> replay;
            var subscription = live.asFlux().subscribe(e -> {
                if (buffer.tryEmitNext(e).isFailure()) {
                    buffer.tryEmitError(new IllegalStateException("listener fell behind the retained events"));
                }
            });
            synchronized (this) {
                replay = after(lastId);
            }
            long last = replay.isEmpty() ? lastId : replay.get(replay.size() - 1).sequence();
            return Flux.fromIterable(replay)
                    .concatWith(buffer.asFlux().filter(e -> e.sequence() > last))
                    .doFinally(s -> subscription.dispose());
        });
    }

    /** Every event as it is appended. */
    public Flux<ChangeEvent> live() {
        return live.asFlux();
    }
}
