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
import io.mediagate.gateway.web.NamedWebFilter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET} and {@code HEAD} of {@code /v1/connections/{c}/videos} and {@code /v1/connections/{c}/videos/{id}}:
 * the handler of every read, a cache hit or a miss alike, placed right after authentication and the inbound limits.
 * A read goes through access, the policy pipeline (whose cache stage answers hits) and {@link CachedReadResponses},
 * without WebFlux's dispatcher, handler mappings and result handlers, which profiling showed to be half of a hit's
 * cost. Every other request goes on; writes are {@link VideosController}'s.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30) // after InboundRateLimitFilter: a read is counted against the client first
public class VideoReads extends NamedWebFilter {
    private static final String PREFIX = "/v1/connections/";
    // the patterns the annotated controllers and functional endpoints used, parsed as they parsed them: variables
    // are percent-decoded, and a trailing slash does not match
    private static final PathPattern LIST = PathPatternParser.defaultInstance.parse(PREFIX + "{connection}/videos");
    private static final PathPattern ONE = PathPatternParser.defaultInstance.parse(PREFIX + "{connection}/videos/{id}");

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

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!underVideos(request)) {
            return chain.filter(exchange);
        }
        PathContainer path = request.getPath().pathWithinApplication();
        boolean read = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        PathPattern.PathMatchInfo one = read ? ONE.matchAndExtract(path) : null;
        if (one != null) {
            matched(exchange, ONE);
            return get(exchange, one.getUriVariables());
        }
        PathPattern.PathMatchInfo list = LIST.matchAndExtract(path);
        if (list == null) {
            return chain.filter(exchange);
        }
        matched(exchange, LIST);
        if (!read) {
            // the collection has no write: answer 405 naming what it offers (the item's writes are
            // VideosController's, whose mapping answers the item's 405)
            return Mono.error(
                    new MethodNotAllowedException(request.getMethod(), Set.of(HttpMethod.GET, HttpMethod.HEAD)));
        }
        return list(exchange, list.getUriVariables());
    }

    /** Whether this filter answers the request: a GET or HEAD of the video collection or of one video. */
    public static boolean isRead(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD || !underVideos(request)) {
            return false;
        }
        PathContainer path = request.getPath().pathWithinApplication();
        return ONE.matches(path) || LIST.matches(path);
    }

    /** The cheap test every request pays before any pattern is matched. */
    private static boolean underVideos(ServerHttpRequest request) {
        String raw = request.getPath().value();
        return raw.startsWith(PREFIX) && raw.contains("/videos");
    }

    /** What a handler mapping tells the observation: the route for the metrics' {@code uri} tag and the span. */
    private static void matched(ServerWebExchange exchange, PathPattern pattern) {
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(context -> context.setPathPattern(pattern.getPatternString()));
    }

    private Mono<Void> list(ServerWebExchange exchange, Map<String, String> variables) {
        Connection c = access.connection(exchange, variables.get("connection"), Scope.VIDEOS_READ);
        boolean raw = includeRaw(param(exchange, "include"));
        ListQuery query = new ListQuery(
                Inputs.limit(param(exchange, "limit"), ListQuery.DEFAULT_LIMIT, ListQuery.MAX_LIMIT),
                CursorCodec.decode(c.id(), param(exchange, "cursor")),
                Inputs.text("q", param(exchange, "q"), 200),
                Inputs.text("tag", param(exchange, "tag"), 100),
                raw);
        CacheKey key = CacheKey.list(query.limit(), query.cursor(), query.q(), query.tag(), raw);
        return policy.read(
                        c,
                        Operation.LIST_VIDEOS,
                        key,
                        CachedReadResponses.noCache(exchange),
                        p -> p.listVideos(query)
                                .map((Page<Video> page) -> stored(new VideoPage(
                                        raw
                                                ? page.data()
                                                : page.data().stream()
                                                        .map(Video::withoutRaw)
                                                        .toList(),
                                        CursorCodec.encode(c.id(), page.nextCursor())))))
                .flatMap(served -> CachedReadResponses.respond(exchange, served));
    }

    private Mono<Void> get(ServerWebExchange exchange, Map<String, String> variables) {
        Connection c = access.connection(exchange, variables.get("connection"), Scope.VIDEOS_READ);
        String videoId = Inputs.id("id", variables.get("id"));
        boolean raw = includeRaw(param(exchange, "include"));
        return policy.read(
                        c,
                        Operation.GET_VIDEO,
                        CacheKey.video(videoId, raw),
                        CachedReadResponses.noCache(exchange),
                        p -> p.getVideo(videoId, raw).map(v -> stored(raw ? v : v.withoutRaw())))
                .flatMap(served -> CachedReadResponses.respond(exchange, served));
    }

    private CachedResponse stored(Object body) {
        return CachedResponse.of(json.writeValueAsBytes(body), clock.instant());
    }

    /** A query parameter as an annotated controller binds it to a String: repeated values joined by commas. */
    private static String param(ServerWebExchange exchange, String name) {
        List<String> values = exchange.getRequest().getQueryParams().get(name);
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
