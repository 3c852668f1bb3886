package io.mediagate.contracts.kit;

import io.mediagate.contracts.Health;
import io.mediagate.contracts.Ingest;
import io.mediagate.contracts.IngestRequest;
import io.mediagate.contracts.IngestStatus;
import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Page;
import io.mediagate.contracts.Playback;
import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.UploadTicket;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.VideoStatus;
import io.mediagate.contracts.spi.Capabilities;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.VideoProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * An in-memory provider over a {@link FakeVendor}. It passes the same contract kit as the real adapters, so the
 * gateway's own tests can use it instead of a simulator.
 */
public final class FakeVideoProvider implements VideoProvider {
    private final String connectionId;
    private final FakeVendor vendor;
    private final String token;
    private final Capabilities capabilities;
    private final Clock clock;

    public FakeVideoProvider(
            String connectionId, FakeVendor vendor, String token, Set<Capability> capabilities, Clock clock) {
        this(connectionId, vendor, token, new Capabilities(capabilities, false), clock);
    }

    /** A fake whose capabilities (including any flagged unverified) are given whole. */
    public FakeVideoProvider(
            String connectionId, FakeVendor vendor, String token, Capabilities capabilities, Clock clock) {
        this.connectionId = connectionId;
        this.vendor = vendor;
        this.token = token;
        this.capabilities = capabilities;
        this.clock = clock;
    }

    public static FakeVideoProvider allCapabilities(String connectionId, FakeVendor vendor, String token) {
        return new FakeVideoProvider(connectionId, vendor, token, EnumSet.allOf(Capability.class), Clock.systemUTC());
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String vendor() {
        return "fake";
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    private <T> Mono<T> call(Supplier<T> body) {
        Mono<T> answer = Mono.fromSupplier(() -> {
            vendor.enter();
            if (!vendor.token().equals(token)) {
                throw new ProviderException(Kind.UNAUTHORIZED, "the fake vendor refused the credentials");
            }
            return body.get();
        });
        Duration latency = vendor.latency();
        // the fake imitates a slow vendor; delaying the subscription is the vendor's latency, not a policy
        return latency.isZero() ? answer : Mono.delay(latency).then(answer);
    }

    @Override
    public Mono<Page<Video>> listVideos(ListQuery query) {
        if (query.q() != null) {
            capabilities.require(Capability.SEARCH);
        }
        if (query.tag() != null) {
            capabilities.require(Capability.TAGS);
        }
        return call(() -> {
            int offset = parseCursor(query.cursor());
            List<FakeVendor.Item> matching = new ArrayList<>();
            for (FakeVendor.Item item : vendor.newestFirst()) {
                boolean q = query.q() == null
                        || item.title()
                                .toLowerCase(Locale.ROOT)
                                .contains(query.q().toLowerCase(Locale.ROOT));
                boolean tag = query.tag() == null || item.tags().contains(query.tag());
                if (q && tag) {
                    matching.add(item);
                }
            }
            int end = Math.min(matching.size(), offset + query.limit());
            List<Video> data = new ArrayList<>();
            for (FakeVendor.Item item : matching.subList(Math.min(offset, end), end)) {
                data.add(toVideo(item, query.includeRaw()));
            }
            return new Page<>(data, end < matching.size() ? String.valueOf(end) : null);
        });
    }

    private static int parseCursor(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new ProviderException(Kind.INVALID_REQUEST, "the cursor is not one this connection issued");
    }

    @Override
    public Mono<Video> getVideo(String id) {
        return call(() -> toVideo(find(id), true));
    }

    private FakeVendor.Item find(String id) {
        FakeVendor.Item item = vendor.videos.get(id);
        if (item == null) {
            throw ProviderException.notFound("video " + id);
        }
        return item;
    }

    @Override
    public Mono<Video> updateVideo(String id, VideoPatch patch) {
        capabilities.require(Capability.UPDATE);
        return call(() -> {
            FakeVendor.Item item = find(id);
            FakeVendor.Item updated = new FakeVendor.Item(
                    id,
                    patch.title() != null ? patch.title() : item.title(),
                    patch.description() != null ? patch.description() : item.description(),
                    patch.tags() != null ? patch.tags() : item.tags(),
                    patch.mergeMetadata(vendor.copy(item.metadata())),
                    item.createdAt(),
                    clock.instant());
            vendor.videos.put(id, updated);
            return toVideo(updated, false);
        });
    }

    @Override
    public Mono<Void> deleteVideo(String id) {
        capabilities.require(Capability.DELETE);
        return call(() -> {
                    if (vendor.videos.remove(id) == null) {
                        throw ProviderException.notFound("video " + id);
                    }
                    return Boolean.TRUE;
                })
                .then();
    }

    @Override
    public Mono<Ingest> ingestFromUrl(IngestRequest request) {
        capabilities.require(Capability.INGEST_FROM_URL);
        return call(() -> {
            String ingestId = vendor.nextId("ing");
            String videoId = vendor.nextId("fake");
            Instant now = clock.instant();
            vendor.videos.put(
                    videoId,
                    new FakeVendor.Item(
                            videoId,
                            request.title() != null ? request.title() : request.sourceUrl(),
                            request.description() != null ? request.description() : "",
                            request.tags(),
                            request.metadata(),
                            now,
                            now));
            vendor.ingests.put(ingestId, videoId);
            return new Ingest(
                    ingestId, connectionId, IngestStatus.PROCESSING, videoId, 0, request.sourceUrl(), now, null);
        });
    }

    @Override
    public Mono<Ingest> ingestStatus(String ingestId) {
        capabilities.require(Capability.INGEST_FROM_URL);
        return call(() -> {
            String videoId = vendor.ingests.get(ingestId);
            if (videoId == null) {
                throw ProviderException.notFound("ingest " + ingestId);
            }
            return new Ingest(ingestId, connectionId, IngestStatus.READY, videoId, 100, null, null, null);
        });
    }

    @Override
    public Mono<UploadTicket> createUpload(UploadRequest request) {
        capabilities.require(Capability.DIRECT_UPLOAD);
        return call(() -> new UploadTicket(
                "https://upload.fake.invalid/" + vendor.nextId("up"),
                "PUT",
                Map.of(
                        "Content-Type",
                        request.contentType() != null ? request.contentType() : "application/octet-stream"),
                clock.instant().plusSeconds(3600),
                null));
    }

    @Override
    public Mono<OutboundRequest> authorize(OutboundRequest request) {
        return Mono.fromSupplier(() -> request.withHeader("X-Fake-Token", token));
    }

    @Override
    public Mono<Health> ping() {
        return call(() -> Health.up("fake-account"));
    }

    private Video toVideo(FakeVendor.Item item, boolean includeRaw) {
        return new Video(
                item.id(),
                connectionId,
                "fake",
                item.title(),
                item.description(),
                42.0,
                VideoStatus.READY,
                item.createdAt(),
                item.updatedAt(),
                "https://thumbs.fake.invalid/" + item.id() + ".jpg",
                item.tags(),
                item.metadata(),
                new Playback("https://player.fake.invalid/" + item.id(), null),
                includeRaw ? Map.of("fake_id", item.id()) : null);
    }
}
