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
import io.mediagate.contracts.spi.RawPolicy;
import io.mediagate.contracts.spi.VendorPlan;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.http.PageNumberCursor;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.probe.ProbeResult;
import io.mediagate.contracts.spi.probe.WireProbe;
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
    static final Capabilities CAPABILITIES = Capabilities.of(
                    Capability.UPDATE,
                    Capability.DELETE,
                    Capability.DIRECT_UPLOAD,
                    Capability.TAGS,
                    Capability.SEARCH,
                    Capability.METADATA)
            .withUnverified(
                    Capability.UPDATE,
                    Capability.DELETE,
                    Capability.DIRECT_UPLOAD,
                    Capability.TAGS,
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
        return properties.canWrite()
                ? CAPABILITIES
                : CAPABILITIES.withRefused(Capability.UPDATE, Capability.DELETE, Capability.DIRECT_UPLOAD);
    }

    /**
     * Probes of ParOne's guesses: the {@code tags[]} encoding and the {@code customFields} shape on reads, and, with
     * writes, the content record's {@code uploadUrl}, the update route and the delete route, all on one scratch
     * content record the check creates through the documented {@code POST /content/} and deletes again.
     */
    @Override
    public List<WireProbe> wireProbes() {
        String scratchKey = "parone-scratch-key";
        return List.of(
                WireProbe.read("tags-argument", "GET /videos/?tags[]=<tag>", Capability.TAGS, ctx -> {
                    if (ctx.sampleTag() == null) {
                        return Mono.just(ProbeResult.skipped("no listed video carries a tag to filter by"));
                    }
                    String tag = ctx.sampleTag();
                    return read("/videos/?page=1&pageSize=50&" + TAG_PARAMETER + "=" + encode(tag), "tag probe")
                            .map(data -> {
                                int all = 0;
                                int untagged = 0;
                                for (JsonNode v : data) {
                                    all++;
                                    if (!ParOneMapper.toVideo(v, connectionId, false)
                                            .tags()
                                            .contains(tag)) {
                                        untagged++;
                                    }
                                }
                                return untagged == 0 && all > 0
                                        ? ProbeResult.confirmed("all " + all + " videos answered carry the tag")
                                        : ProbeResult.refuted(untagged + " of " + all + " videos answered for "
                                                + "tags[] lack the tag: the vendor ignores the argument (mediagate drops "
                                                + "them, so a filtered page may come back short)");
                            });
                }),
                WireProbe.read(
                        "custom-fields-shape",
                        "video field customFields as a JSON object",
                        Capability.METADATA,
                        ctx -> ctx.sample() == null
                                ? Mono.just(ProbeResult.skipped("the account lists no video"))
                                : video(ctx.sample().id()).map(v -> {
                                    JsonNode fields = v.path("customFields");
                                    if (fields.isMissingNode() || fields.isNull()) {
                                        return ProbeResult.skipped("the sample video carries no customFields");
                                    }
                                    return fields.isObject()
                                            ? ProbeResult.confirmed("customFields is an object")
                                            : ProbeResult.refuted("customFields is "
                                                    + fields.getNodeType()
                                                            .name()
                                                            .toLowerCase(Locale.ROOT)
                                                    + ", not an object: metadata patches are "
                                                    + "refused");
                                })),
                WireProbe.write(
                        "upload-url",
                        "POST " + properties.contentPath() + " answer field uploadUrl",
                        Capability.DIRECT_UPLOAD,
                        ctx -> {
                            if (!properties.canWrite()) {
                                return Mono.just(ProbeResult.skipped("a read-only connection cannot create content"));
                            }
                            return createUpload(new UploadRequest(
                                            "mediagate-check.mp4",
                                            "video/mp4",
                                            null,
                                            "mediagate connection check (scratch, deleted by the check)"))
                                    .map(ticket -> {
                                        ctx.scratch().put(scratchKey, ticket.videoId());
                                        return ProbeResult.confirmed(
                                                "created scratch content; the answer " + "carries an uploadUrl");
                                    })
                                    .onErrorResume(UploadUrlMissingException.class, e -> {
                                        ctx.scratch().put(scratchKey, e.contentKey());
                                        return Mono.just(ProbeResult.refuted(
                                                "created scratch content, but the " + "answer carries no uploadUrl"));
                                    });
                        }),
                WireProbe.write(
                        "update-route",
                        properties.updateRoute().toString(),
                        Capability.UPDATE,
                        ctx -> ctx.onScratch(
                                scratchKey,
                                key -> write(
                                                properties.updateRoute(),
                                                key,
                                                Map.of("title", "mediagate connection check (scratch, updated)"),
                                                "scratch content")
                                        .thenReturn(ProbeResult.confirmed("the scratch content's title was updated")))),
                WireProbe.write(
                        "delete-route",
                        properties.deleteRoute().toString(),
                        Capability.DELETE,
                        ctx -> ctx.onScratch(
                                scratchKey,
                                key -> write(properties.deleteRoute(), key, null, "scratch content")
                                        .thenReturn(ProbeResult.confirmed("the scratch content was deleted"))
                                        .onErrorResume(e -> Mono.just(ProbeResult.ofFailure(e)
                                                .withDetailSuffix("; the scratch content " + key
                                                        + " is left at ParOne: delete it there"))))));
    }

    @Override
    public VendorPlan plan() {
        return properties.plan();
    }

    @Override
    public Mono<Page<Video>> listVideos(ListQuery query) {
        PageNumberCursor cursor = PageNumberCursor.parse(query.cursor(), query.limit());
        StringBuilder q = new StringBuilder("/videos/?page=")
                .append(cursor.page())
                .append("&pageSize=")
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
        return read("/videos/?pageSize=1&contentKey=" + encode(key), "video " + key)
                .map(data -> {
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
        return Mono.fromSupplier(auth::writeHeaders)
                .then(video(id))
                .flatMap(current -> {
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
                            return Mono.error(ProviderException.upstream(
                                    "ParOne's customFields of video " + id
                                            + " is not a JSON object ("
                                            + fields.getNodeType().name().toLowerCase(Locale.ROOT)
                                            + "); the metadata patch is refused rather than replacing fields it cannot read",
                                    null));
                        }
                        // ParOne replaces customFields whole: merge the patch into what is there (RFC 7396)
                        body.put("customFields", patch.mergeMetadata(ParOneMapper.fields(fields)));
                    }
                    return write(properties.updateRoute(), id, body, "video " + id);
                })
                .then(Mono.defer(() -> getVideo(id)));
    }

    @Override
    public Mono<Void> deleteVideo(String id) {
        // read first: the delete route is a guess, and its 404 must not be mistaken for a missing video
        return Mono.fromSupplier(auth::writeHeaders)
                .then(video(id))
                .then(Mono.defer(() -> write(properties.deleteRoute(), id, null, "video " + id)))
                .then();
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

    /** ParOne is REST (GET to DELETE); its credentials travel in {@code X-Parone-*} headers, never forwarded. */
    @Override
    public RawPolicy rawPolicy() {
        return RawPolicy.of(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"), List.of());
    }
}
