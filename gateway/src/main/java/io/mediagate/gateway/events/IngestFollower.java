package io.mediagate.gateway.events;

import io.mediagate.contracts.Ingest;
import io.mediagate.contracts.IngestStatus;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.policy.Operation;
import io.mediagate.gateway.policy.PolicyChain;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * Follows ingests started through the gateway until {@code ready} or {@code failed}: a status check after
 * {@code first-delay}, then twice as long each time up to {@code max-delay}, for at most {@code give-up-after}.
 * Its calls go through the {@link PolicyChain} like any other; one follower call replaces every client's polling.
 * The ingest's video is reported too: at once when the vendor names it in its answer to the start, and again when
 * the ingest is {@code ready} (one {@code GET} of the video each time), so {@code video.created} comes without
 * waiting for the poller and the poller's catalogue knows the video (its next round reports no second
 * {@code video.created}).
 */
@Component
public class IngestFollower {
    private static final Logger log = LoggerFactory.getLogger(IngestFollower.class);
    private final PolicyChain policy;
    private final EventsProperties.Ingests settings;
    private final Disposable.Composite running = Disposables.composite();

    public IngestFollower(PolicyChain policy, EventsProperties properties) {
        this.policy = policy;
        this.settings = properties.ingests();
    }

    void follow(Connection c, Ingest started, ChangeEvents events) {
        if (!settings.follow() || started.id() == null) {
            return;
        }
        long giveUpAt = System.nanoTime() + settings.giveUpAfter().toNanos();
        // an ingest that is ready at once has its video reported with its outcome, not twice
        Mono<Void> named = ended(started) ? Mono.empty() : video(c, started.videoId(), events);
        Disposable.Swap slot = Disposables.swap();
        running.add(slot);
        slot.update(named.then(report(c, started, events))
                .flatMap(done ->
                        done ? Mono.<Void>empty() : check(c, started.id(), settings.firstDelay(), giveUpAt, events))
                .doFinally(s -> running.remove(slot))
                .subscribe());
    }

    private Mono<Void> check(Connection c, String ingestId, Duration delay, long giveUpAt, ChangeEvents events) {
        if (System.nanoTime() + delay.toNanos() - giveUpAt > 0) {
            log.info("stopped following ingest {} of {}: no outcome within the give-up time", ingestId, c.id());
            return Mono.empty();
        }
        Duration next =
                delay.multipliedBy(2).compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay.multipliedBy(2);
        return Mono.delay(delay)
                .then(policy.call(c, Operation.INGEST_STATUS, p -> p.ingestStatus(ingestId)))
                .onErrorResume(e -> {
                    // a failed check says nothing of the ingest: look again later
                    log.debug("ingest {} of {}: status check failed: {}", ingestId, c.id(), e.getMessage());
                    return Mono.empty();
                })
                .flatMap(ingest -> report(c, ingest, events))
                .defaultIfEmpty(false)
                .flatMap(done -> done ? Mono.<Void>empty() : check(c, ingestId, next, giveUpAt, events));
    }

    private static boolean ended(Ingest ingest) {
        return ingest.status() == IngestStatus.READY || ingest.status() == IngestStatus.FAILED;
    }

    /** Reports an ingest that ended (its video first, when ready); completes with whether it ended. */
    private Mono<Boolean> report(Connection c, Ingest ingest, ChangeEvents events) {
        if (!ended(ingest)) {
            return Mono.just(false);
        }
        boolean ready = ingest.status() == IngestStatus.READY;
        return (ready ? video(c, ingest.videoId(), events) : Mono.<Void>empty())
                .then(Mono.fromRunnable(() -> events.ingestEnded(c, ingest, ready)))
                .thenReturn(true);
    }

    /**
     * The ingest's video as the vendor has it now, reported as a change made through the gateway:
     * {@code video.created} if the gateway did not know it, {@code video.updated} if it changed since.
     */
    private Mono<Void> video(Connection c, String videoId, ChangeEvents events) {
        if (videoId == null) {
            return Mono.empty();
        }
        return policy.call(c, Operation.GET_VIDEO, p -> p.getVideo(videoId))
                .doOnNext(v -> events.videoChanged(c, v))
                .onErrorResume(e -> {
                    // the poller finds the video later; the ingest's own outcome must not wait for it
                    log.debug("ingest video {} of {}: not read: {}", videoId, c.id(), e.getMessage());
                    return Mono.empty();
                })
                .then();
    }

    @PreDestroy
    void stop() {
        running.dispose();
    }
}
