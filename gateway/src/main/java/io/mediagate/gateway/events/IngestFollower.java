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
        if (ended(c, started, events)) {
            return;
        }
        long giveUpAt = System.nanoTime() + settings.giveUpAfter().toNanos();
        Disposable.Swap slot = Disposables.swap();
        running.add(slot);
        slot.update(check(c, started.id(), settings.firstDelay(), giveUpAt, events)
                .doFinally(s -> running.remove(slot)).subscribe());
    }

    private Mono<Void> check(Connection c, String ingestId, Duration delay, long giveUpAt, ChangeEvents events) {
        if (System.nanoTime() + delay.toNanos() - giveUpAt > 0) {
            log.info("stopped following ingest {} of {}: no outcome within the give-up time", ingestId, c.id());
            return Mono.empty();
        }
        Duration next = delay.multipliedBy(2).compareTo(settings.maxDelay()) > 0 ? settings.maxDelay()
                : delay.multipliedBy(2);
        return Mono.delay(delay)
                .then(policy.call(c, Operation.INGEST_STATUS, p -> p.ingestStatus(ingestId)))
                .map(ingest -> ended(c, ingest, events))
                .onErrorResume(e -> {
                    // a failed check says nothing of the ingest: look again later
                    log.debug("ingest {} of {}: status check failed: {}", ingestId, c.id(), e.getMessage());
                    return Mono.just(false);
                })
                .flatMap(done -> done ? Mono.<Void>empty() : check(c, ingestId, next, giveUpAt, events));
    }

    private static boolean ended(Connection c, Ingest ingest, ChangeEvents events) {
        if (ingest.status() == IngestStatus.READY || ingest.status() == IngestStatus.FAILED) {
            events.ingestEnded(c, ingest, ingest.status() == IngestStatus.READY);
            return true;
        }
        return false;
    }

    @PreDestroy
    void stop() {
        running.dispose();
    }
}
