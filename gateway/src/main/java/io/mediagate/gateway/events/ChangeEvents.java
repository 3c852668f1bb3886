package io.mediagate.gateway.events;

import io.mediagate.contracts.Ingest;
import io.mediagate.contracts.Video;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.policy.cluster.RedisLink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where changes become events: the controllers report changes made through the gateway (at once), the poller
 * reports what it found (raw passthrough writes nudge it), the ingest follower the ingest's video and how the
 * ingest ended. Keeps each connection's {@link Catalogue}, so a change reported twice (by the gateway and by a
 * later poll) is one event.
 */
@Component
public class ChangeEvents {
    private final EventLog log;
    private final JsonMapper json;
    private final IngestFollower ingests;
    private final Map<String, Catalogue> catalogues = new ConcurrentHashMap<>();

    public ChangeEvents(EventLog log, JsonMapper json, IngestFollower ingests, RedisLink redis) {
        this.log = log;
        this.json = json;
        this.ingests = ingests;
        if (redis.enabled()) {
            // cluster mode: changes other replicas made (through the gateway, or polled) count here too
            log.live().subscribe(this::seen);
        }
    }

    /** An event read from the stream: the connection's catalogue follows it. */
    private void seen(ChangeEvent e) {
        if (!(e.data() instanceof JsonNode data) || !data.hasNonNull("id")) {
            return;
        }
        String id = data.get("id").asString();
        switch (EventType.fromWire(e.type())) {
            case VIDEO_CREATED, VIDEO_UPDATED -> catalogue(e.connection()).put(id, data, System.nanoTime());
            case VIDEO_DELETED -> catalogue(e.connection()).remove(id, System.nanoTime());
            default -> {}
        }
    }

    Catalogue catalogue(String connection) {
        return catalogues.computeIfAbsent(connection, c -> new Catalogue());
    }

    /** A video was changed (or created) through the gateway; {@code video} is its state afterwards. */
    public void videoChanged(Connection c, Video video) {
        JsonNode node = Catalogue.normalized(json, video);
        Catalogue.Change change = catalogue(c.id()).put(video.id(), node, System.nanoTime());
        if (change.type() == EventType.VIDEO_UPDATED && change.changed().isEmpty()) {
            return;
        }
        log.append(change.type(), c.id(), node, change.changed());
    }

    /**
     * A video was changed through the gateway but the gateway has no earlier state to compare with: the members
     * the client sent are what changed.
     */
    public void videoPatched(Connection c, Video video, List<String> sent) {
        Catalogue catalogue = catalogue(c.id());
        if (catalogue.known(video.id()) != null) {
            videoChanged(c, video);
            return;
        }
        JsonNode node = Catalogue.normalized(json, video);
        catalogue.put(video.id(), node, System.nanoTime());
        log.append(EventType.VIDEO_UPDATED, c.id(), node, sent.stream().sorted().toList());
    }

    /** A video was deleted through the gateway. */
    public void videoDeleted(Connection c, String videoId) {
        JsonNode last = catalogue(c.id()).remove(videoId, System.nanoTime());
        log.append(
                EventType.VIDEO_DELETED,
                c.id(),
                last != null
                        ? last
                        : json.valueToTree(Map.of("id", videoId, "connection", c.id(), "vendor", c.vendor())),
                null);
    }

    /** An ingest was started through the gateway: its video is reported and the ingest followed until it ends. */
    public void ingestStarted(Connection c, Ingest ingest) {
        ingests.follow(c, ingest, this);
    }

    void ingestEnded(Connection c, Ingest ingest, boolean ready) {
        log.append(ready ? EventType.INGEST_READY : EventType.INGEST_FAILED, c.id(), json.valueToTree(ingest), null);
    }

    /** What a poll round found. */
    void found(Connection c, EventType type, JsonNode video, List<String> changed) {
        log.append(type, c.id(), video, changed);
    }
}
