package io.mediagate.gateway.connection;

import io.mediagate.contracts.Health;
import io.mediagate.contracts.Ingest;
import io.mediagate.contracts.IngestRequest;
import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Page;
import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.UploadTicket;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.spi.Capabilities;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.RawPolicy;
import io.mediagate.contracts.spi.UnsupportedCapabilityException;
import io.mediagate.contracts.spi.VendorPlan;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.probe.WireProbe;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The provider as the gateway sees it: the adapter behind a check of what this connection offers. A capability
 * the connection does not support (or switched off with {@code options.guessed-operations=off}) fails with 501
 * and one it refuses with 403, before the adapter is asked and so before any vendor call.
 */
final class GuardedVideoProvider implements VideoProvider {
    private final VideoProvider adapter;
    private final Capabilities capabilities;

    private GuardedVideoProvider(VideoProvider adapter, Capabilities capabilities) {
        this.adapter = adapter;
        this.capabilities = capabilities;
    }

    /** Guards {@code adapter}; with {@code guessesAllowed} false its unverified capabilities are switched off. */
    static VideoProvider guard(VideoProvider adapter, boolean guessesAllowed) {
        Capabilities caps = adapter.capabilities();
        return new GuardedVideoProvider(adapter, guessesAllowed ? caps : caps.withoutUnverified());
    }

    /** The adapter behind the guard, for tests and for passthrough's {@link #authorize}. */
    VideoProvider adapter() {
        return adapter;
    }

    @Override
    public String connectionId() {
        return adapter.connectionId();
    }

    @Override
    public String vendor() {
        return adapter.vendor();
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public Mono<Page<Video>> listVideos(ListQuery query) {
        List<Capability> needed = new ArrayList<>(2);
        if (query.q() != null && !query.q().isBlank()) {
            needed.add(Capability.SEARCH);
        }
        if (query.tag() != null && !query.tag().isBlank()) {
            needed.add(Capability.TAGS);
        }
        return check(needed).then(Mono.defer(() -> adapter.listVideos(query)));
    }

    @Override
    public Mono<Video> getVideo(String id) {
        return adapter.getVideo(id);
    }

    @Override
    public Mono<Video> updateVideo(String id, VideoPatch patch) {
        List<Capability> needed = new ArrayList<>(3);
        needed.add(Capability.UPDATE);
        if (patch.tags() != null) {
            needed.add(Capability.TAGS);
        }
        if (patch.metadata() != null) {
            needed.add(Capability.METADATA);
        }
        return check(needed).then(Mono.defer(() -> adapter.updateVideo(id, patch)));
    }

    @Override
    public Mono<Void> deleteVideo(String id) {
        return check(List.of(Capability.DELETE)).then(Mono.defer(() -> adapter.deleteVideo(id)));
    }

    @Override
    public Mono<Ingest> ingestFromUrl(IngestRequest request) {
        return check(List.of(Capability.INGEST_FROM_URL)).then(Mono.defer(() -> adapter.ingestFromUrl(request)));
    }

    @Override
    public Mono<Ingest> ingestStatus(String ingestId) {
        return check(List.of(Capability.INGEST_FROM_URL)).then(Mono.defer(() -> adapter.ingestStatus(ingestId)));
    }

    @Override
    public Mono<UploadTicket> createUpload(UploadRequest request) {
        return check(List.of(Capability.DIRECT_UPLOAD)).then(Mono.defer(() -> adapter.createUpload(request)));
    }

    @Override
    public Mono<OutboundRequest> authorize(OutboundRequest request) {
        return adapter.authorize(request);
    }

    @Override
    public RawPolicy rawPolicy() {
        return adapter.rawPolicy();
    }

    @Override
    public VendorPlan plan() {
        return adapter.plan();
    }

    @Override
    public List<WireProbe> wireProbes() {
        return adapter.wireProbes();
    }

    @Override
    public Mono<Health> ping() {
        return adapter.ping();
    }

    private Mono<Void> check(List<Capability> needed) {
        for (Capability capability : needed) {
            if (!capabilities.supports(capability)) {
                return Mono.error(new UnsupportedCapabilityException(capability));
            }
            if (capabilities.refused().contains(capability)) {
                return Mono.error(new ProviderException(ProviderException.Kind.FORBIDDEN,
                        "this connection refuses " + capability.wireName()));
            }
        }
        return Mono.empty();
    }
}
