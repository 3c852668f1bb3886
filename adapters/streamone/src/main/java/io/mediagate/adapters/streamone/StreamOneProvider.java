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
import io.mediagate.contracts.spi.UnsupportedCapabilityException;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.http.VendorJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
 * signed too, body included ({@link Capabilities#signsBody()}).
 */
public final class StreamOneProvider implements VideoProvider {
    private static final Capabilities CAPABILITIES = Capabilities.of(Capability.UPDATE, Capability.DELETE,
            Capability.DIRECT_UPLOAD, Capability.TAGS, Capability.SEARCH).withSignedBody();
    /** Parameters the connection sets itself; a passthrough caller's values for them are dropped. */
    private static final Set<String> OWN_PARAMETERS = Set.of("api", "format", "authentication_type", "user",
            "application", "account", "customer", "timestamp", "signature", "session");
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

    private Mono<JsonNode> call(String action, Map<String, String> args, String what) {
        return client.call(action, args).map(r -> errors.ok(r, what));
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
        return call("item/view", args, "video list").map(answer -> {
            List<Video> videos = new ArrayList<>();
            for (JsonNode item : answer.path("body")) {
                videos.add(StreamOneMapper.toVideo(item, connectionId, properties.tagArgument(), query.includeRaw()));
            }
            int count = answer.path("header").path("count").asInt(offset + videos.size());
            int next = offset + videos.size();
            return new Page<>(videos, next < count && !videos.isEmpty() ? "o" + next : null);
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
        if (patch.metadata() != null) {
            return Mono.error(new UnsupportedCapabilityException(Capability.METADATA));
        }
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
        return call(properties.updateAction(), args, "video " + id).then(getVideo(id));
    }

    @Override
    public Mono<Void> deleteVideo(String id) {
        return call(properties.deleteAction(), Map.of("id", id), "video " + id).then();
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
                    // StreamOne's upload is a multipart POST with the token as a form field (add returnurl too)
                    return new UploadTicket(url, "POST", Map.of(), clock.instant().plus(UPLOAD_VALIDITY),
                            VendorJson.text(body, "itemid"), Map.of("uploadtoken", token));
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
            String query = auth.signedQuery(client.basePath() + request.path(), extra, body);
            OutboundRequest signed = request.withRawQuery(query);
            return request.body() == null ? signed
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
    public io.mediagate.contracts.spi.RawPolicy rawPolicy() {
        return io.mediagate.contracts.spi.RawPolicy.of(java.util.List.of("GET", "POST"),
                java.util.List.copyOf(OWN_PARAMETERS), java.util.List.of("psk"));
    }
}
