package io.mediagate.gateway.api.videos;

import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.gateway.api.Inputs;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.events.ChangeEvents;
import io.mediagate.gateway.policy.Operation;
import io.mediagate.gateway.policy.PolicyChain;
import io.mediagate.gateway.policy.cache.CacheInvalidation;
import io.mediagate.gateway.security.AccessGuard;
import io.mediagate.gateway.security.Scope;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** {@code /v1/connections/{c}/videos/{id}}: patch and delete a video ({@link VideoReads} serves the reads). */
@RestController
@RequestMapping("/v1/connections/{connection}/videos")
public class VideosController {
    private final AccessGuard access;
    private final PolicyChain policy;
    private final JsonMapper json;
    private final CacheInvalidation cache;
    private final ChangeEvents events;

    public VideosController(
            AccessGuard access, PolicyChain policy, JsonMapper json, CacheInvalidation cache, ChangeEvents events) {
        this.events = events;
        this.access = access;
        this.policy = policy;
        this.json = json;
        this.cache = cache;
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    public Mono<Video> patch(
            @PathVariable String connection,
            @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            ServerWebExchange exchange) {
        Connection c = access.connection(exchange, connection, Scope.VIDEOS_WRITE);
        String videoId = Inputs.id("id", id);
        VideoPatch patch = VideoPatchReader.read(Inputs.jsonObject(json, body));
        if (patch.isEmpty()) {
            // RFC 7396: an empty patch changes nothing; the guard answers the current state (a read, retried as one)
            return policy.call(c, Operation.GET_VIDEO, p -> p.updateVideo(videoId, patch))
                    .map(Video::withoutRaw);
        }
        return policy.call(c, Operation.UPDATE_VIDEO, p -> p.updateVideo(videoId, patch))
                .doOnNext(v -> cache.videoChanged(c.id(), videoId))
                .doOnNext(v -> events.videoPatched(c, v, sent(patch)))
                .map(Video::withoutRaw);
    }

    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<Void>> delete(
            @PathVariable String connection, @PathVariable String id, ServerWebExchange exchange) {
        Connection c = access.connection(exchange, connection, Scope.VIDEOS_WRITE);
        String videoId = Inputs.id("id", id);
        return policy.call(c, Operation.DELETE_VIDEO, p -> p.deleteVideo(videoId))
                .then(Mono.fromRunnable(() -> {
                    cache.videoChanged(c.id(), videoId);
                    events.videoDeleted(c, videoId);
                }))
                .then(Mono.just(ResponseEntity.status(HttpStatus.NO_CONTENT).<Void>build()));
    }

    /** The members a patch sets, in wire names (what changed when the earlier state is unknown). */
    private static List<String> sent(VideoPatch patch) {
        List<String> out = new ArrayList<>();
        if (patch.title() != null) {
            out.add("title");
        }
        if (patch.description() != null) {
            out.add("description");
        }
        if (patch.tags() != null) {
            out.add("tags");
        }
        if (patch.metadata() != null) {
            out.add("metadata");
        }
        return out;
    }
}
