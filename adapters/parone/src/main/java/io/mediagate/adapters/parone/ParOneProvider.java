package io.mediagate.adapters.parone;

import io.mediagate.adapters.parone.internal.ParOneAuth;
import io.mediagate.adapters.parone.internal.ParOneClient;
import io.mediagate.adapters.parone.internal.ParOneErrorMapper;
import io.mediagate.adapters.parone.internal.ParOneMapper;
import io.mediagate.adapters.parone.internal.ParOneProperties;
import io.mediagate.adapters.parone.internal.ParOneRoute;
import io.mediagate.adapters.parone.internal.UploadUrlMissingException;
import io.mediagate.contracts.Health;
import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Page;
import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.UploadTicket;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.spi.Capabilities;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.VendorPlan;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.http.PageNumberCursor;
import io.mediagate.contracts.spi.http.VendorJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * ParOne's external API v2 as a {@link VideoProvider}: videos are content items keyed by {@code contentKey}.
 * Reads use the feed sync code, writes the configured write credentials; a connection without them is read-only
 * and its writes fail with {@code FORBIDDEN} before any call. With an MMI key the connection acts for that
 * sub-organisation only. Update, delete, the upload URL and the tag filter rest on guesses (ParOne's stored pages
 * stop short of them) and are flagged unverified; each fails cleanly when the vendor answers otherwise.
 */
public final class ParOneProvider implements VideoProvider {
    private static final Capabilities CAPABILITIES = Capabilities.of(Capability.UPDATE, Capability.DELETE,
            Capability.DIRECT_UPLOAD, Capability.TAGS, Capability.SEARCH, Capability.METADATA)
            .withUnverified(Capability.UPDATE, Capability.DELETE, Capability.DIRECT_UPLOAD, Capability.TAGS,
                    Capability.METADATA);
    /** The guessed array encoding of the documented {@code tags} filter (the docs' encoding section is cut off). */
    static final String TAG_PARAMETER = "tags%5B%5D";

    private final String connectionId;
    private final ParOneProperties properties;
    private final ParOneAuth auth;
    private final ParOneClient client;
    private final ParOneErrorMapper errors;

    public ParOneProvider(ConnectionSpec spec, ProviderContext context) {
        this.connectionId = spec.id();
        this.properties = ParOneProperties.from(spec);
        this.auth = new ParOneAuth(properties);
        this.client = new ParOneClient(context.webClient(), properties.baseUrl());
        this.errors = new ParOneErrorMapper(context.clock());
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String vendor() {
        return "parone";
    }

    @Override
    public Capabilities capabilities() {
        // a sync code alone reads; ParOne needs write credentials for every write
        return properties.canWrite() ? CAPABILITIES
                : CAPABILITIES.withRefused(Capability.UPDATE, Capability.DELETE, Capability.DIRECT_UPLOAD);
    }

    @Override
    public VendorPlan plan() {
        return properties.plan();
    }

    @Override
    public Mono<Page<Video>> listVideos(ListQuery query) {
        PageNumberCursor cursor = PageNumberCursor.parse(query.cursor(), query.limit());
        StringBuilder q = new StringBuilder("/videos/?page=").append(cursor.page()).append("&pageSize=")
                .append(cursor.size());
        if (query.q() != null) {
            q.append("&searchString=").append(encode(query.q()));
        }
        if (query.tag() != null) {
            q.append('&').append(TAG_PARAMETER).append('=').append(encode(query.tag()));
        }
        return read(q.toString(), "video list").map(data -> {
            List<Video> videos = new ArrayList<>();
            int received = 0;
            for (JsonNode v : data) {
                received++;
                Video video = ParOneMapper.toVideo(v, connectionId, query.includeRaw());
                // tags[] is a guess a vendor may ignore: never present an unfiltered page as filtered
                if (query.tag() == null || video.tags().contains(query.tag())) {
                    videos.add(video);
                }
            }
            // ParOne returns no paging totals: a full page (before the tag check) means there may be more
            String next = received == cursor.size() ? cursor.next() : null;
            return new Page<>(videos, next);
        });
    }

    @Override
    public Mono<Video> getVideo(String id) {
        return video(id).map(v -> ParOneMapper.toVideo(v, connectionId, true));
    }

    private Mono<JsonNode> video(String key) {
        return read("/videos/?pageSize=1&contentKey=" + encode(key), "video " + key).map(data -> {
            for (JsonNode v : data) {
                if (key.equals(VendorJson.text(v, "contentKey"))) {
                    return v;
                }
            }
            throw ProviderException.notFound("video " + key);
        });
    }

    private Mono<JsonNode> read(String pathAndQuery, String what) {
        return client.send(HttpMethod.GET, pathAndQuery + auth.readQuerySuffix(), auth.readHeaders(), null)
                .map(r -> errors.data(r, what));
    }

    /** A write on a guessed route: the video was read first, so a 404 or 405 here means "no such route". */
    private Mono<JsonNode> write(ParOneRoute route, String key, Map<String, Object> body, String what) {
        Map<String, Object> sent = body;
        if (!route.keyInPath()) {
            sent = new LinkedHashMap<>();
            sent.put("contentKey", key);
            sent.putAll(body == null ? Map.of() : body);
        }
        Object json = sent;
        return Mono.fromSupplier(auth::writeHeaders)
                .flatMap(headers -> client.send(route.method(), route.path(encode(key)), headers, json))
                .map(r -> errors.written(r, what, route));
    }

    @Override
    public Mono<Video> updateVideo(String id, VideoPatch patch) {
        return Mono.fromSupplier(auth::writeHeaders).then(video(id)).flatMap(current -> {
            Map<String, Object> body = new LinkedHashMap<>();
            if (patch.title() != null) {
                body.put("title", patch.title());
            }
            if (patch.description() != null) {
                body.put("description", patch.description());
            }
            if (patch.tags() != null) {
                body.put("tags", patch.tags());
            }
            if (patch.metadata() != null) {
                JsonNode fields = current.path("customFields");
                if (!fields.isObject()) {
                    // merging into {} and sending the result whole would wipe every field we could not read
                    return Mono.error(ProviderException.upstream("ParOne's customFields of video " + id
                            + " is not a JSON object (" + fields.getNodeType().name().toLowerCase(Locale.ROOT)
                            + "); the metadata patch is refused rather than replacing fields it cannot read", null));
                }
                // ParOne replaces customFields whole: merge the patch into what is there (RFC 7396)
                body.put("customFields", patch.mergeMetadata(ParOneMapper.fields(fields)));
            }
            return write(properties.updateRoute(), id, body, "video " + id);
        }).then(Mono.defer(() -> getVideo(id)));
    }

    @Override
    public Mono<Void> deleteVideo(String id) {
        // read first: the delete route is a guess, and its 404 must not be mistaken for a missing video
        return Mono.fromSupplier(auth::writeHeaders).then(video(id))
                .then(Mono.defer(() -> write(properties.deleteRoute(), id, null, "video " + id))).then();
    }

    @Override
    public Mono<UploadTicket> createUpload(UploadRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", request.title() != null ? request.title() : request.filename());
        if (request.sizeBytes() != null) {
            body.put("contentSize", request.sizeBytes());
        }
        String route = "POST " + properties.contentPath();
        return Mono.fromSupplier(auth::writeHeaders)
                .flatMap(headers -> client.send(HttpMethod.POST, properties.contentPath(), headers, body))
                .map(r -> {
                    JsonNode data = errors.written(r, "upload", null);
                    String key = VendorJson.text(data, "contentKey");
                    if (key == null) {
                        throw ProviderException.upstream("ParOne created content without a contentKey", null);
                    }
                    String url = VendorJson.text(data, "uploadUrl");
                    if (url == null) {
                        throw new UploadUrlMissingException(route, key, r.status());
                    }
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("Content-Type", request.contentType() != null ? request.contentType() : "video/mp4");
                    return new UploadTicket(url, "PUT", headers, null, key);
                });
    }

    @Override
    public Mono<OutboundRequest> authorize(OutboundRequest request) {
        return Mono.fromSupplier(() -> auth.authorize(request));
    }

    @Override
    public Mono<Health> ping() {
        return read("/videos/?page=1&pageSize=1", "ping")
                .map(data -> Health.up(properties.mmiKey() != null ? "sub-organisation" : "organisation"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
