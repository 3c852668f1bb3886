package io.mediagate.gateway.api.videos;

import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Page;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.spi.Capabilities;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.gateway.api.CursorCodec;
import io.mediagate.gateway.api.Inputs;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.events.ChangeEvents;
import io.mediagate.gateway.policy.Operation;
import io.mediagate.gateway.policy.PolicyChain;
import io.mediagate.gateway.policy.cache.CacheKey;
import io.mediagate.gateway.policy.cache.CachedResponse;
import io.mediagate.gateway.policy.cache.ReadCache;
import io.mediagate.gateway.security.AccessGuard;
import io.mediagate.gateway.security.Scope;
import io.mediagate.gateway.web.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** {@code /v1/connections/{c}/videos}: list, get, patch and delete videos of one connection. */
@RestController
@RequestMapping("/v1/connections/{connection}/videos")
public class VideosController {
    private final AccessGuard access;
    private final PolicyChain policy;
    private final JsonMapper json;
    private final ReadCache cache;
    private final Clock clock;
    private final ChangeEvents events;

    public VideosController(AccessGuard access, PolicyChain policy, JsonMapper json, ReadCache cache, Clock clock,
                            ChangeEvents events) {
        this.events = events;
        this.access = access;
        this.policy = policy;
        this.json = json;
        this.cache = cache;
        this.clock = clock;
    }

    /** One page of videos, as {@code {"data": [...], "next_cursor": "..."}}. */
    public record VideoPage(List<Video> data, String nextCursor) {
    }

    @GetMapping
    public Mono<ResponseEntity<byte[]>> list(@PathVariable String connection,
                                @RequestParam(required = false) String limit,
                                @RequestParam(required = false) String cursor,
                                @RequestParam(required = false) String q,
                                @RequestParam(required = false) String tag,
                                @RequestParam(required = false) String include,
                                ServerWebExchange exchange) {
        Connection c = access.connection(exchange, connection, Scope.VIDEOS_READ);
        boolean raw = includeRaw(include);
        ListQuery query = new ListQuery(Inputs.limit(limit, ListQuery.DEFAULT_LIMIT, ListQuery.MAX_LIMIT),
                CursorCodec.decode(c.id(), cursor), Inputs.text("q", q, 200), Inputs.text("tag", tag, 100), raw);
        Capabilities caps = c.provider().capabilities();
        if (query.q() != null) {
            caps.require(Capability.SEARCH);
        }
        if (query.tag() != null) {
            caps.require(Capability.TAGS);
        }
        Mono<CachedResponse> load = policy.call(c, Operation.LIST_VIDEOS, p -> p.listVideos(query))
                .map((Page<Video> page) -> stored(new VideoPage(raw ? page.data()
                        : page.data().stream().map(Video::withoutRaw).toList(),
                        CursorCodec.encode(c.id(), page.nextCursor()))));
        CacheKey key = CacheKey.list(query.limit(), query.cursor(), query.q(), query.tag(), raw);
        return cache.read(c, key, CachedReadResponses.noCache(exchange), load)
                .map(served -> CachedReadResponses.respond(exchange, served));
    }

    private CachedResponse stored(Object body) {
        return CachedResponse.of(json.writeValueAsBytes(body), clock.instant());
    }

    @GetMapping("/{id}")
    public Mono<ResponseEntity<byte[]>> get(@PathVariable String connection, @PathVariable String id,
                                            @RequestParam(required = false) String include,
                                            ServerWebExchange exchange) {
        Connection c = access.connection(exchange, connection, Scope.VIDEOS_READ);
        String videoId = Inputs.id("id", id);
        boolean raw = includeRaw(include);
        Mono<CachedResponse> load = policy.call(c, Operation.GET_VIDEO, p -> p.getVideo(videoId))
                .map(v -> stored(raw ? v : v.withoutRaw()));
        return cache.read(c, CacheKey.video(videoId, raw), CachedReadResponses.noCache(exchange), load)
                .map(served -> CachedReadResponses.respond(exchange, served));
    }

    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    public Mono<Video> patch(@PathVariable String connection, @PathVariable String id,
                             @RequestBody(required = false) byte[] body, ServerWebExchange exchange) {
        Connection c = access.connection(exchange, connection, Scope.VIDEOS_WRITE);
        String videoId = Inputs.id("id", id);
        VideoPatch patch = VideoPatchReader.read(Inputs.jsonObject(json, body));
        Capabilities caps = c.provider().capabilities();
        caps.require(Capability.UPDATE);
        if (patch.tags() != null) {
            caps.require(Capability.TAGS);
        }
        if (patch.metadata() != null) {
            caps.require(Capability.METADATA);
        }
        if (patch.isEmpty()) {
            // RFC 7396: an empty patch changes nothing; answer the current state
            return policy.call(c, Operation.GET_VIDEO, p -> p.getVideo(videoId)).map(Video::withoutRaw);
        }
        return policy.call(c, Operation.UPDATE_VIDEO, p -> p.updateVideo(videoId, patch))
                .doOnNext(v -> cache.videoChanged(c.id(), videoId))
                .doOnNext(v -> events.videoPatched(c, v, sent(patch)))
                .map(Video::withoutRaw);
    }

    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<Void>> delete(@PathVariable String connection, @PathVariable String id,
                                             ServerWebExchange exchange) {
        Connection c = access.connection(exchange, connection, Scope.VIDEOS_WRITE);
        String videoId = Inputs.id("id", id);
        c.provider().capabilities().require(Capability.DELETE);
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

    private static boolean includeRaw(String include) {
        if (include == null || include.isEmpty()) {
            return false;
        }
        if ("raw".equals(include)) {
            return true;
        }
        throw ApiException.invalidField("include", "include accepts only 'raw'");
    }

}
