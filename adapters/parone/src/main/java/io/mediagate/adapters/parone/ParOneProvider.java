package io.mediagate.adapters.parone;

import io.mediagate.adapters.parone.internal.ParOneAuth;
import io.mediagate.adapters.parone.internal.ParOneClient;
import io.mediagate.adapters.parone.internal.ParOneErrorMapper;
import io.mediagate.adapters.parone.internal.ParOneMapper;
import io.mediagate.adapters.parone.internal.ParOneProperties;
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
import java.util.Map;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * ParOne's external API v2 as a {@link VideoProvider}: videos are content items keyed by {@code contentKey}.
 * Reads use the feed sync code, writes the API key and secret; a connection with only a sync code is read-only
 * and its writes fail with {@code FORBIDDEN} before any call. With an MMI key the connection acts for that
 * sub-organisation only.
 */
public final class ParOneProvider implements VideoProvider {
    private static final Capabilities CAPABILITIES = Capabilities.of(Capability.UPDATE, Capability.DELETE,
            Capability.DIRECT_UPLOAD, Capability.TAGS, Capability.SEARCH, Capability.METADATA);

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
        // a sync code alone reads; ParOne needs key and secret for every write
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
            q.append("&tags%5B%5D=").append(encode(query.tag()));
        }
        return read(q.toString(), "video list").map(data -> {
            List<Video> videos = new ArrayList<>();
            for (JsonNode v : data) {
                videos.add(ParOneMapper.toVideo(v, connectionId, query.includeRaw()));
            }
            // ParOne returns no paging totals: a full page means there may be more
            String next = videos.size() == cursor.size() ? cursor.next() : null;
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
        return client.send(HttpMethod.GET, pathAndQuery, auth.readHeaders(), null).map(r -> errors.data(r, what));
    }

    private Mono<JsonNode> write(HttpMethod method, String path, Object body, String what) {
        return Mono.fromSupplier(auth::writeHeaders)
                .flatMap(headers -> client.send(method, path, headers, body))
                .map(r -> errors.data(r, what));
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
                // ParOne replaces customFields whole: merge the patch into what is there (RFC 7396)
                Map<String, String> merged = patch.mergeMetadata(
                        ParOneMapper.toVideo(current, connectionId, false).metadata());
                body.put("customFields", merged);
            }
            return write(HttpMethod.valueOf(properties.updateMethod()),
                    properties.contentPath() + encode(id), body, "video " + id);
        }).then(getVideo(id));
    }

    @Override
    public Mono<Void> deleteVideo(String id) {
        return write(HttpMethod.DELETE, properties.contentPath() + encode(id), null, "video " + id).then();
    }

    @Override
    public Mono<UploadTicket> createUpload(UploadRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", request.title() != null ? request.title() : request.filename());
        if (request.sizeBytes() != null) {
            body.put("contentSize", request.sizeBytes());
        }
        return write(HttpMethod.POST, properties.contentPath(), body, "upload").map(data -> {
            String url = VendorJson.text(data, "uploadUrl");
            String key = VendorJson.text(data, "contentKey");
            if (url == null || key == null) {
                throw ProviderException.upstream("ParOne created content without an upload URL", null);
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

    /** ParOne is REST (GET to DELETE); its credentials travel in {@code X-Parone-*} headers, never forwarded. */
    @Override
    public io.mediagate.contracts.spi.RawPolicy rawPolicy() {
        return io.mediagate.contracts.spi.RawPolicy.of(java.util.List.of("GET", "HEAD", "POST", "PUT", "PATCH",
                "DELETE"), java.util.List.of(), java.util.List.of("sync-code", "api-key", "api-secret", "mmi-key"));
    }
}
