package io.mediagate.adapters.cognitive3d;

import io.mediagate.adapters.cognitive3d.internal.Cognitive3DAuth;
import io.mediagate.adapters.cognitive3d.internal.Cognitive3DClient;
import io.mediagate.adapters.cognitive3d.internal.Cognitive3DErrorMapper;
import io.mediagate.adapters.cognitive3d.internal.Cognitive3DMapper;
import io.mediagate.adapters.cognitive3d.internal.Cognitive3DProperties;
import io.mediagate.adapters.cognitive3d.internal.Cognitive3DProperties.UpdateRoute;
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
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.probe.ProbeResult;
import io.mediagate.contracts.spi.probe.WireProbe;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * One Cognitive3D organisation key and one of its projects: the project's media library, videos only (flat
 * images are not listed and answer NOT_FOUND), newest first. Reads and deletes use documented routes only; update
 * and upload are opt-in guesses (see {@link #capabilities(Cognitive3DProperties)}).
 */
public final class Cognitive3DProvider implements VideoProvider {
    private final Cognitive3DProperties properties;
    private final Cognitive3DAuth auth;
    private final Cognitive3DClient client;
    private final Capabilities capabilities;

    public Cognitive3DProvider(ConnectionSpec spec, ProviderContext context) {
        this.properties = Cognitive3DProperties.from(spec);
        this.auth = new Cognitive3DAuth(properties.apiKey(), properties.keyFormat());
        Cognitive3DErrorMapper errors = new Cognitive3DErrorMapper(context.clock(), auth.secrets());
        this.client = new Cognitive3DClient(context.webClient(), properties, auth, errors);
        this.capabilities = capabilities(properties);
    }

    /**
     * Delete is documented; update and upload rest on routes no vendor source shows (EVIDENCE O4b, O5), so each
     * is offered only when the connection opts in, and then flagged unverified.
     */
    static Capabilities capabilities(Cognitive3DProperties properties) {
        EnumSet<Capability> supported = EnumSet.of(Capability.DELETE);
        EnumSet<Capability> unverified = EnumSet.noneOf(Capability.class);
        if (properties.updateRoute() != UpdateRoute.NONE) {
            supported.add(Capability.UPDATE);
            unverified.add(Capability.UPDATE);
        }
        // the vendor's upload route wants the organisation key, which must not leave the gateway: uploads are
        // only offered through the gateway's passthrough, when the operator names its URL
        if (properties.uploadPassthroughUrl() != null) {
            supported.add(Capability.DIRECT_UPLOAD);
            unverified.add(Capability.DIRECT_UPLOAD);
        }
        return new Capabilities(supported, false, Set.of(), unverified);
    }

    @Override
    public String connectionId() {
        return properties.connectionId();
    }

    @Override
    public String vendor() {
        return "cognitive3d";
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /**
     * Both Cognitive3D guesses are writes (the media update and the raw upload route), and no documented route
     * creates a media item without uploading a file, so there is no scratch item to probe them on: they are
     * listed, and skipped with that reason, costing no vendor call.
     */
    @Override
    public List<WireProbe> wireProbes() {
        String noScratch = "Cognitive3D documents no way to create a scratch media item without uploading a "
                + "file, and a check never edits existing data";
        return List.of(
                WireProbe.write(
                        "update-route",
                        Cognitive3DClient.PUT_MEDIA_ROUTE,
                        Capability.UPDATE,
                        ctx -> Mono.just(ProbeResult.skipped(noScratch))),
                WireProbe.write(
                        "upload-route",
                        "POST /projects/{projectId}/media?fileName=",
                        Capability.DIRECT_UPLOAD,
                        ctx -> Mono.just(ProbeResult.skipped(noScratch))));
    }

    @Override
    public Mono<Page<Video>> listVideos(ListQuery query) {
        return Mono.defer(() -> {
            long after = query.cursor() == null
                    ? Long.MAX_VALUE
                    : Cognitive3DMapper.lastIdOf(query.cursor(), connectionId(), properties.projectId());
            // the vendor answers the whole library at once; a keyset cursor (last id shown) keeps paging stable
            // when items are added or deleted between pages
            return client.listMedia().map(array -> page(Cognitive3DMapper.liveVideosNewestFirst(array), after, query));
        });
    }

    private Page<Video> page(List<JsonNode> newestFirst, long after, ListQuery query) {
        List<Video> data = new ArrayList<>();
        boolean more = false;
        for (JsonNode media : newestFirst) {
            if (Cognitive3DMapper.id(media) >= after) {
                continue;
            }
            if (data.size() == query.limit()) {
                more = true;
                break;
            }
            data.add(Cognitive3DMapper.toVideo(media, connectionId(), query.includeRaw()));
        }
        String next = more
                ? Cognitive3DMapper.cursorAfter(
                        Long.parseLong(data.get(data.size() - 1).id()), connectionId(), properties.projectId())
                : null;
        return new Page<>(data, next);
    }

    @Override
    public Mono<Video> getVideo(String id) {
        return getVideo(id, true);
    }

    @Override
    public Mono<Video> getVideo(String id, boolean includeRaw) {
        // converting the item to a map for raw was 3.5 % of what an uncached read allocated, for a field then dropped
        return liveVideo(id).map(media -> Cognitive3DMapper.toVideo(media, connectionId(), includeRaw));
    }

    /**
     * The media item behind a video id, found in the documented list (no single-item route is documented; the
     * gateway's read cache absorbs the cost), or NOT_FOUND when it is missing, archived or an image.
     */
    private Mono<JsonNode> liveVideo(String id) {
        return Mono.defer(() -> {
            long mediaId = Cognitive3DMapper.mediaId(id);
            return client.liveVideo(mediaId)
                    .map(found -> found.orElseThrow(() -> ProviderException.notFound("video " + mediaId)));
        });
    }

    @Override
    public Mono<Video> updateVideo(String id, VideoPatch patch) {
        return Mono.defer(() -> {
            Map<String, Object> fields = Cognitive3DMapper.toUpdateFields(patch);
            long mediaId = Cognitive3DMapper.mediaId(id);
            // checked first so an image or an archived item is never edited through the videos API, and so a
            // refused guessed route is never mistaken for a missing video
            return liveVideo(id)
                    .flatMap(current -> fields.isEmpty()
                            ? Mono.just(current)
                            : client.updateMedia(mediaId, fields).flatMap(answer -> {
                                // [G] the answer's shape is undocumented: use it when it is the media item, else
                                // re-read
                                JsonNode body = answer.body().length == 0 ? null : client.json(answer);
                                return body != null && body.isObject() && body.hasNonNull("id")
                                        ? Mono.just(body)
                                        : liveVideo(id);
                            }))
                    .map(media -> Cognitive3DMapper.toVideo(media, connectionId(), false));
        });
    }

    @Override
    public Mono<Void> deleteVideo(String id) {
        // checked in the list first: the vendor archives on delete, and archiving again would answer success for a
        // gone video; the check also keeps images out of reach of the videos API
        return liveVideo(id).flatMap(media -> client.deleteMedia(Cognitive3DMapper.id(media)));
    }

    @Override
    public Mono<UploadTicket> createUpload(UploadRequest request) {
        return Mono.defer(() -> {
            return Mono.just(Cognitive3DMapper.toUploadTicket(
                    request, properties.uploadPassthroughUrl(), properties.projectId()));
        });
    }

    @Override
    public Mono<OutboundRequest> authorize(OutboundRequest request) {
        return Mono.fromSupplier(() -> auth.authorize(request));
    }

    @Override
    public Mono<Health> ping() {
        return client.whoami().map(body -> {
            JsonNode org = body.get("organizationId");
            if (org == null || org.isNull()) {
                throw ProviderException.upstream("Cognitive3D whoami answered no organizationId", null);
            }
            return new Health(true, org.asString(), "project " + properties.projectId());
        });
    }

    /** The Cognitive3D platform API uses GET, POST, PUT and DELETE; the org key is the gateway's alone. */
    @Override
    public RawPolicy rawPolicy() {
        return RawPolicy.of(List.of("GET", "HEAD", "POST", "PUT", "DELETE"), List.of());
    }
}
