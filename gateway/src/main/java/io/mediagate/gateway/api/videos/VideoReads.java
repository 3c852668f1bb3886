package io.mediagate.gateway.api.videos;

import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Page;
import io.mediagate.contracts.Video;
import io.mediagate.gateway.api.CursorCodec;
import io.mediagate.gateway.api.Inputs;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.policy.Operation;
import io.mediagate.gateway.policy.PolicyChain;
import io.mediagate.gateway.policy.cache.CacheKey;
import io.mediagate.gateway.policy.cache.CachedResponse;
import io.mediagate.gateway.security.AccessGuard;
import io.mediagate.gateway.security.Scope;
import io.mediagate.gateway.web.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/connections/{c}/videos} and {@code GET /v1/connections/{c}/videos/{id}} as functional endpoints:
 * past authentication, a read (a cache hit or a miss alike) is one path through access, the policy pipeline (whose
 * cache stage answers hits) and {@link CachedReadResponses}, without the annotated controllers' handler lookup,
 * argument resolution and content negotiation, which profiling showed to be most of a hit's cost. Writes stay in
 * {@link VideosController}.
 */
@Configuration(proxyBeanMethods = false)
public class VideoReads {
    private static final String LIST = "/v1/connections/{connection}/videos";
    private static final String ONE = "/v1/connections/{connection}/videos/{id}";
    private static final RequestPredicate READ =
            RequestPredicates.method(HttpMethod.GET).or(RequestPredicates.method(HttpMethod.HEAD));

    private final AccessGuard access;
    private final PolicyChain policy;
    private final JsonMapper json;
    private final Clock clock;

    public VideoReads(AccessGuard access, PolicyChain policy, JsonMapper json, Clock clock) {
        this.access = access;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
    }

    /** One page of videos, as {@code {"data": [...], "next_cursor": "..."}}. */
    public record VideoPage(List<Video> data, String nextCursor) {}

    @Bean
    RouterFunction<ServerResponse> videoReadRoutes() {
        return RouterFunctions.route()
                .route(READ.and(RequestPredicates.path(LIST)), this::list)
                .route(READ.and(RequestPredicates.path(ONE)), this::get)
                // the collection has no write: answer 405 naming what it offers (the item's writes are
                // VideosController's, whose mapping answers the item's 405)
                .route(
                        RequestPredicates.path(LIST),
                        request -> Mono.error(new MethodNotAllowedException(
                                request.method(), Set.of(HttpMethod.GET, HttpMethod.HEAD))))
                .build();
    }

    Mono<ServerResponse> list(ServerRequest request) {
        Connection c = access.connection(request.exchange(), request.pathVariable("connection"), Scope.VIDEOS_READ);
        boolean raw = includeRaw(param(request, "include"));
        ListQuery query = new ListQuery(
                Inputs.limit(param(request, "limit"), ListQuery.DEFAULT_LIMIT, ListQuery.MAX_LIMIT),
                CursorCodec.decode(c.id(), param(request, "cursor")),
                Inputs.text("q", param(request, "q"), 200),
                Inputs.text("tag", param(request, "tag"), 100),
                raw);
        CacheKey key = CacheKey.list(query.limit(), query.cursor(), query.q(), query.tag(), raw);
        return policy.read(
                        c,
                        Operation.LIST_VIDEOS,
                        key,
                        CachedReadResponses.noCache(request.exchange()),
                        p -> p.listVideos(query)
                                .map((Page<Video> page) -> stored(new VideoPage(
                                        raw
                                                ? page.data()
                                                : page.data().stream()
                                                        .map(Video::withoutRaw)
                                                        .toList(),
                                        CursorCodec.encode(c.id(), page.nextCursor())))))
                .flatMap(served -> CachedReadResponses.respond(request, served));
    }

    Mono<ServerResponse> get(ServerRequest request) {
        Connection c = access.connection(request.exchange(), request.pathVariable("connection"), Scope.VIDEOS_READ);
        String videoId = Inputs.id("id", request.pathVariable("id"));
        boolean raw = includeRaw(param(request, "include"));
        return policy.read(
                        c,
                        Operation.GET_VIDEO,
                        CacheKey.video(videoId, raw),
                        CachedReadResponses.noCache(request.exchange()),
                        p -> p.getVideo(videoId).map(v -> stored(raw ? v : v.withoutRaw())))
                .flatMap(served -> CachedReadResponses.respond(request, served));
    }

    private CachedResponse stored(Object body) {
        return CachedResponse.of(json.writeValueAsBytes(body), clock.instant());
    }

    /** A query parameter as an annotated controller binds it to a String: repeated values joined by commas. */
    private static String param(ServerRequest request, String name) {
        List<String> values = request.queryParams().get(name);
        return values == null || values.isEmpty()
                ? null
                : values.size() == 1 ? values.get(0) : String.join(",", values);
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
