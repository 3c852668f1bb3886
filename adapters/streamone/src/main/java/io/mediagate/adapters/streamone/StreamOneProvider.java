package io.mediagate.adapters.streamone;

import io.mediagate.adapters.streamone.internal.StreamOneAuth;
import io.mediagate.adapters.streamone.internal.StreamOneClient;
import io.mediagate.adapters.streamone.internal.StreamOneErrorMapper;
import io.mediagate.adapters.streamone.internal.StreamOneMapper;
import io.mediagate.adapters.streamone.internal.StreamOneProperties;
import io.mediagate.adapters.streamone.internal.StreamOneSigner;
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
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.RawPolicy;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.probe.ProbeResult;
import io.mediagate.contracts.spi.probe.WireProbe;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * StreamOne API v3 as a {@link VideoProvider}: videos are the account's items ({@code item/view} with
 * {@code offset}/{@code limit}, total in {@code header.count}); every request is signed. Passthrough requests are
 * signed too, body included ({@link Capabilities#signsBody()}). Update, delete and the tag filter rest on guessed
 * action and argument names (options {@code update-action}, {@code delete-action}, {@code tag-argument}) and are
 * flagged unverified; StreamOne's "unknown action / parameter" answer to them is a refuted guess.
 */
public final class StreamOneProvider implements VideoProvider {
    static final Capabilities CAPABILITIES = Capabilities.of(
                    Capability.UPDATE, Capability.DELETE, Capability.DIRECT_UPLOAD, Capability.TAGS, Capability.SEARCH)
            .withSignedBody()
            .withUnverified(Capability.UPDATE, Capability.DELETE, Capability.TAGS);
    /** Parameters the connection sets itself; a passthrough caller's values for them are dropped. */
    private static final Set<String> OWN_PARAMETERS = Set.of(
            "api",
            "format",
            "authentication_type",
            "user",
            "application",
            "account",
            "customer",
            "timezone",
            "timestamp",
            "signature",
            "session");

    private static final Duration UPLOAD_VALIDITY = Duration.ofHours(1);

    private final String connectionId;
    private final StreamOneProperties properties;
    private final StreamOneAuth auth;
    private final StreamOneClient client;
    private final StreamOneErrorMapper errors;
    private final Clock clock;

    public StreamOneProvider(ConnectionSpec spec, ProviderContext context) {
        this.connectionId = spec.id();
        this.properties = StreamOneProperties.from(spec);
        this.clock = context.clock();
        this.auth = new StreamOneAuth(properties, clock);
        this.client = new StreamOneClient(context.webClient(), properties.baseUrl(), auth);
        this.errors = new StreamOneErrorMapper(clock);
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String vendor() {
        return "streamone";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    /**
     * Probes of StreamOne's guesses: the tag argument on {@code item/view}, the time zone the actor's dates come in
     * (documented; the adapter asks for UTC), and, with writes, the update and delete actions on one scratch item
     * the check creates through the documented {@code item/create}.
     */
    @Override
    public List<WireProbe> wireProbes() {
        String scratch = "streamone-scratch-id";
        return List.of(
                WireProbe.read(
                        "tag-argument",
                        "item/view argument " + properties.tagArgument(),
                        Capability.TAGS,
                        ctx -> ctx.sampleTag() == null
                                ? Mono.just(ProbeResult.skipped("no listed video carries a tag to filter by"))
                                : tagProbe(ctx.sampleTag())),
                WireProbe.read(
                        "actor-time-zone",
                        null,
                        null,
                        ctx -> ctx.sample() == null || ctx.sample().createdAt() == null
                                ? Mono.just(ProbeResult.skipped("no listed video with a creation date"))
                                : client.call(
                                                "item/view",
                                                Map.of("item", ctx.sample().id()),
                                                false)
                                        .map(r -> errors.ok(r, "time-zone probe"))
                                        .map(answer -> zoneOf(
                                                answer,
                                                ctx.sample().id(),
                                                ctx.sample().createdAt()))),
                WireProbe.write(
                        "scratch-item",
                        null,
                        null,
                        ctx -> call(
                                        "item/create",
                                        Map.of(
                                                "itemtype",
                                                "video",
                                                "title",
                                                "mediagate connection check (scratch, deleted by the check)"),
                                        "scratch item")
                                .map(answer -> {
                                    String id = VendorJson.text(answer.path("body"), "id");
                                    if (id == null) {
                                        return ProbeResult.refuted("item/create answered no body.id");
                                    }
                                    ctx.scratch().put(scratch, id);
                                    return ProbeResult.confirmed("created a scratch item with item/create");
                                })),
                WireProbe.write(
                        "update-action",
                        properties.updateAction() + " with id, title",
                        Capability.UPDATE,
                        ctx -> ctx.onScratch(
                                scratch,
                                id -> guessed(
                                                properties.updateAction(),
                                                Map.of(
                                                        "id",
                                                        id,
                                                        "title",
                                                        "mediagate connection check (scratch, updated)"),
                                                "scratch item",
                                                properties.updateAction() + " with id, title",
                                                "update-action")
                                        .thenReturn(ProbeResult.confirmed("the scratch item's title was updated")))),
                WireProbe.write(
                        "delete-action",
                        properties.deleteAction() + " with id",
                        Capability.DELETE,
                        ctx -> ctx.onScratch(
                                scratch,
                                id -> guessed(
                                                properties.deleteAction(),
                                                Map.of("id", id),
                                                "scratch item",
                                                properties.deleteAction() + " with id",
                                                "delete-action")
                                        .thenReturn(ProbeResult.confirmed("the scratch item was deleted"))
                                        .onErrorResume(e -> Mono.just(ProbeResult.ofFailure(e)
                                                .withDetailSuffix("; the scratch item " + id
                                                        + " is left at StreamOne: delete it there"))))));
    }

    private Mono<ProbeResult> tagProbe(String tag) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("itemtype", "video");
        args.put("limit", "50");
        args.put(properties.tagArgument(), tag);
        return guessed("item/view", args, "tag probe", "item/view argument " + properties.tagArgument(), "tag-argument")
                .map(answer -> {
                    int all = 0;
                    int untagged = 0;
                    for (JsonNode item : answer.path("body")) {
                        all++;
                        if (!StreamOneMapper.toVideo(item, connectionId, properties.tagArgument(), false)
                                .tags()
                                .contains(tag)) {
                            untagged++;
                        }
                    }
                    return untagged == 0 && all > 0
                            ? ProbeResult.confirmed("all " + all + " items answered carry the tag")
                            : ProbeResult.refuted(untagged + " of " + all + " items answered lack the tag: the "
                                    + "vendor ignores the argument");
                });
    }

    /** How far the actor's own dates are from UTC, comparing an item's {@code datecreated} asked both ways. */
    private static ProbeResult zoneOf(JsonNode answer, String id, Instant utc) {
        for (JsonNode item : answer.path("body")) {
            if (id.equals(VendorJson.text(item, "id"))) {
                Instant local = StreamOneMapper.instant(VendorJson.text(item, "datecreated"));
                if (local == null) {
                    return ProbeResult.refuted("the item's datecreated is not a yyyy-MM-dd HH:mm:ss date");
                }
                long minutes = Duration.between(utc, local).toMinutes();
                return ProbeResult.confirmed(
                        minutes == 0
                                ? "the actor's own dates are UTC"
                                : "without timezone=UTC the actor's dates are " + (minutes > 0 ? "+" : "-")
                                        + String.format("%02d:%02d", Math.abs(minutes) / 60, Math.abs(minutes) % 60)
                                        + " from UTC; mediagate asks for UTC, so its dates are right");
            }
        }
        return ProbeResult.skipped("the sample item was not answered");
    }

    private Mono<JsonNode> call(String action, Map<String, String> args, String what) {
        return client.call(action, args).map(r -> errors.ok(r, what));
    }

    /** A call resting on a guess selected by connection option {@code option}. */
    private Mono<JsonNode> guessed(String action, Map<String, String> args, String what, String call, String option) {
        return client.call(action, args).map(r -> errors.ok(r, what, call, option));
    }

    @Override
    public Mono<Page<Video>> listVideos(ListQuery query) {
        int offset = parseCursor(query.cursor());
        Map<String, String> args = new LinkedHashMap<>();
        args.put("itemtype", "video");
        args.put("orderfield", "created");
        args.put("order", "desc");
        args.put("offset", Integer.toString(offset));
        args.put("limit", Integer.toString(query.limit()));
        if (query.q() != null) {
            args.put("searchtitle", query.q());
        }
        if (query.tag() != null) {
            args.put(properties.tagArgument(), query.tag());
        }
        Mono<JsonNode> answered = query.tag() == null
                ? call("item/view", args, "video list")
                : guessed(
                        "item/view",
                        args,
                        "video list",
                        "item/view argument " + properties.tagArgument(),
                        "tag-argument");
        return answered.map(answer -> {
            List<Video> videos = new ArrayList<>();
            int received = 0;
            for (JsonNode item : answer.path("body")) {
                received++;
                Video video = StreamOneMapper.toVideo(item, connectionId, properties.tagArgument(), query.includeRaw());
                // the tag argument is a guess a vendor may ignore: never present an unfiltered page as filtered
                if (query.tag() == null || video.tags().contains(query.tag())) {
                    videos.add(video);
                }
            }
            int count = answer.path("header").path("count").asInt(offset + received);
            int next = offset + received;
            return new Page<>(videos, next < count && received > 0 ? "o" + next : null);
        });
    }

    private static int parseCursor(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor.substring(1));
            if (cursor.charAt(0) == 'o' && offset >= 0) {
                return offset;
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new ProviderException(Kind.INVALID_REQUEST, "the cursor is not one this connection issued");
    }

    @Override
    public Mono<Video> getVideo(String id) {
        return call("item/view", Map.of("item", id), "video " + id).map(answer -> {
            for (JsonNode item : answer.path("body")) {
                if (id.equals(VendorJson.text(item, "id"))) {
                    return StreamOneMapper.toVideo(item, connectionId, properties.tagArgument(), true);
                }
            }
            throw ProviderException.notFound("video " + id);
        });
    }

    @Override
    public Mono<Video> updateVideo(String id, VideoPatch patch) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("id", id);
        if (patch.title() != null) {
            args.put("title", patch.title());
        }
        if (patch.description() != null) {
            args.put("description", patch.description());
        }
        if (patch.tags() != null) {
            // StreamOne joins array arguments with commas (SDK 3.2+)
            args.put(properties.tagArgument(), String.join(",", patch.tags()));
        }
        return guessed(
                        properties.updateAction(),
                        args,
                        "video " + id,
                        properties.updateAction() + " with " + String.join(", ", args.keySet()),
                        "update-action")
                .then(Mono.defer(() -> getVideo(id)));
    }

    @Override
    public Mono<Void> deleteVideo(String id) {
        return guessed(
                        properties.deleteAction(),
                        Map.of("id", id),
                        "video " + id,
                        properties.deleteAction() + " with id",
                        "delete-action")
                .then();
    }

    @Override
    public Mono<UploadTicket> createUpload(UploadRequest request) {
        return call("uploadtoken/create", Map.of("validfor", Long.toString(UPLOAD_VALIDITY.toSeconds())), "upload")
                .map(answer -> {
                    JsonNode body = answer.path("body");
                    String url = VendorJson.text(body, "uploadurlhttps");
                    if (url == null) {
                        url = VendorJson.text(body, "uploadurl");
                    }
                    String token = VendorJson.text(body, "token");
                    if (url == null || token == null) {
                        throw ProviderException.upstream("StreamOne answered no upload URL", null);
                    }
                    // StreamOne's upload page: a multipart POST with the token as a form field (the caller adds
                    // uploadfile and returnurl); a new file is archived unless the form says archived=0
                    Map<String, String> form = new LinkedHashMap<>();
                    form.put("uploadtoken", token);
                    form.put("archived", "0");
                    if (request.title() != null) {
                        form.put("title", request.title());
                    }
                    if (request.description() != null) {
                        form.put("description", request.description());
                    }
                    // itemid is the id the item will have once the upload completes; until then it is not found
                    return new UploadTicket(
                            url,
                            "POST",
                            Map.of(),
                            clock.instant().plus(UPLOAD_VALIDITY),
                            VendorJson.text(body, "itemid"),
                            form);
                });
    }

    @Override
    public Mono<OutboundRequest> authorize(OutboundRequest request) {
        return Mono.fromSupplier(() -> {
            Map<String, String> extra = new LinkedHashMap<>();
            for (String pair : request.rawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (!OWN_PARAMETERS.contains(name)) {
                    extra.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String body = request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8);
            // the SDKs sign /api/<command>/<action> only, whatever prefix the base URL carries
            String query = auth.signedQuery(request.path(), extra, body);
            OutboundRequest signed = request.withRawQuery(query);
            return request.body() == null
                    ? signed
                    : signed.withHeader("Content-Type", "application/x-www-form-urlencoded");
        });
    }

    @Override
    public Mono<Health> ping() {
        return call("api/info", Map.of(), "api info")
                .map(answer -> Health.up(properties.account() != null ? properties.account() : properties.customer()));
    }

    /** For tests: the encoding StreamOne signs. */
    static String encode(Map<String, String> values) {
        return StreamOneSigner.encode(values);
    }

    /** StreamOne takes GET and POST; its meta parameters are signed by the gateway and never the caller's. */
    @Override
    public RawPolicy rawPolicy() {
        return RawPolicy.of(List.of("GET", "POST"), List.copyOf(OWN_PARAMETERS));
    }
}
