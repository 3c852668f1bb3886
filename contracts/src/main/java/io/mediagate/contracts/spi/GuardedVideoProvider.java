package io.mediagate.contracts.spi;

import io.mediagate.contracts.Health;
import io.mediagate.contracts.Ingest;
import io.mediagate.contracts.IngestRequest;
import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Page;
import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.UploadTicket;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.spi.probe.WireProbe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * The provider as the gateway sees it: the adapter behind the one check of what a connection offers, so no adapter
 * repeats it. A capability the connection does not support (or switched off with
 * {@code options.guessed-operations=off}) fails with {@link UnsupportedCapabilityException} (501) and one it refuses
 * with {@code FORBIDDEN} (403). The gateway's pipeline asks {@link #admit} before any of its stages runs, so a
 * refused call spends no quota token and records no vendor call; the methods check again, for callers that go
 * straight to the provider (the contract kit). No exception but the SPI's own ever leaves the adapter through here.
 */
public final class GuardedVideoProvider implements VideoProvider {
    private final VideoProvider adapter;
    private final Capabilities capabilities;
    /** Read once, like the capabilities: every raw call asks for it. */
    private final RawPolicy rawPolicy;

    private GuardedVideoProvider(VideoProvider adapter, Capabilities capabilities) {
        this.adapter = adapter;
        this.capabilities = capabilities;
        this.rawPolicy = adapter.rawPolicy();
    }

    /** Guards {@code adapter}; with {@code guessesAllowed} false its unverified capabilities are switched off. */
    public static VideoProvider guard(VideoProvider adapter, boolean guessesAllowed) {
        Capabilities caps = adapter.capabilities();
        return new GuardedVideoProvider(adapter, guessesAllowed ? caps : caps.withoutUnverified());
    }

    /**
     * Why this connection would refuse {@code call}, found without calling the adapter, or null when it may run:
     * {@code call} is applied to a stand-in provider that only notes what each operation needs.
     */
    public RuntimeException admit(Function<VideoProvider, ? extends Mono<?>> call) {
        Needs needs = new Needs();
        call.apply(needs);
        return needs.refusal;
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
        return guarded(needs(query), () -> adapter.listVideos(query));
    }

    @Override
    public Mono<Video> getVideo(String id) {
        return guarded(List.of(), () -> adapter.getVideo(id));
    }

    @Override
    public Mono<Video> getVideo(String id, boolean includeRaw) {
        return guarded(List.of(), () -> adapter.getVideo(id, includeRaw));
    }

    @Override
    public Mono<Video> updateVideo(String id, VideoPatch patch) {
        // RFC 7396: an empty patch changes nothing, so the adapter is asked for the current state instead
        return guarded(needs(patch), () -> patch.isEmpty() ? adapter.getVideo(id) : adapter.updateVideo(id, patch));
    }

    @Override
    public Mono<Void> deleteVideo(String id) {
        return guarded(List.of(Capability.DELETE), () -> adapter.deleteVideo(id));
    }

    @Override
    public Mono<Ingest> ingestFromUrl(IngestRequest request) {
        return guarded(needs(request), () -> adapter.ingestFromUrl(request));
    }

    @Override
    public Mono<Ingest> ingestStatus(String ingestId) {
        return guarded(List.of(Capability.INGEST_FROM_URL), () -> adapter.ingestStatus(ingestId));
    }

    @Override
    public Mono<UploadTicket> createUpload(UploadRequest request) {
        return guarded(List.of(Capability.DIRECT_UPLOAD), () -> adapter.createUpload(request));
    }

    @Override
    public Mono<OutboundRequest> authorize(OutboundRequest request) {
        return guarded(List.of(), () -> adapter.authorize(request));
    }

    @Override
    public RawPolicy rawPolicy() {
        return rawPolicy;
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
        return guarded(List.of(), adapter::ping);
    }

    private static List<Capability> needs(ListQuery query) {
        List<Capability> needed = new ArrayList<>(2);
        if (query.q() != null && !query.q().isBlank()) {
            needed.add(Capability.SEARCH);
        }
        if (query.tag() != null && !query.tag().isBlank()) {
            needed.add(Capability.TAGS);
        }
        return needed;
    }

    private static List<Capability> needs(VideoPatch patch) {
        List<Capability> needed = new ArrayList<>(3);
        needed.add(Capability.UPDATE);
        if (patch.tags() != null) {
            needed.add(Capability.TAGS);
        }
        if (patch.metadata() != null) {
            needed.add(Capability.METADATA);
        }
        return needed;
    }

    private static List<Capability> needs(IngestRequest request) {
        List<Capability> needed = new ArrayList<>(3);
        needed.add(Capability.INGEST_FROM_URL);
        if (request.tags() != null && !request.tags().isEmpty()) {
            needed.add(Capability.TAGS);
        }
        if (request.metadata() != null && !request.metadata().isEmpty()) {
            needed.add(Capability.METADATA);
        }
        return needed;
    }

    /** The refusal for the first capability in {@code needed} this connection lacks or refuses, or null. */
    private RuntimeException refusal(List<Capability> needed) {
        for (Capability capability : needed) {
            if (!capabilities.supports(capability)) {
                return new UnsupportedCapabilityException(capability);
            }
            if (capabilities.refused().contains(capability)) {
                return new ProviderException(
                        ProviderException.Kind.FORBIDDEN, "this connection refuses " + capability.wireName());
            }
        }
        return null;
    }

    private <T> Mono<T> guarded(List<Capability> needed, Supplier<Mono<T>> call) {
        RuntimeException refused = refusal(needed);
        if (refused != null) {
            return Mono.error(refused);
        }
        return Mono.defer(call).onErrorMap(GuardedVideoProvider::foreign, GuardedVideoProvider::asProviderFailure);
    }

    /** What an adapter may let out: the SPI's failures. Anything else is a bug in the adapter or a library. */
    private static boolean foreign(Throwable e) {
        return !(e instanceof ProviderException || e instanceof UnsupportedCapabilityException);
    }

    /**
     * A foreign exception as the failure closest to what it says of the vendor: an I/O error or a timeout says it
     * is unreachable (retryable), anything else that the call failed upstream. Only the type is kept in the
     * message: a library's message may quote a URL with credentials in it.
     */
    static ProviderException asProviderFailure(Throwable e) {
        Exceptions.throwIfJvmFatal(e);
        String what = "the adapter failed with " + e.getClass().getSimpleName();
        if (e instanceof IOException || e instanceof TimeoutException || e.getCause() instanceof IOException) {
            return ProviderException.unavailable(what, 0, e);
        }
        return ProviderException.upstream(what, e);
    }

    /** A stand-in the guard hands a call to learn what it needs: it notes the first refusal and calls nothing. */
    private final class Needs implements VideoProvider {
        private RuntimeException refusal;

        private <T> Mono<T> note(List<Capability> needed) {
            if (refusal == null) {
                refusal = refusal(needed);
            }
            return Mono.empty();
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
            return note(needs(query));
        }

        @Override
        public Mono<Video> getVideo(String id) {
            return note(List.of());
        }

        @Override
        public Mono<Video> getVideo(String id, boolean includeRaw) {
            return note(List.of());
        }

        @Override
        public Mono<Video> updateVideo(String id, VideoPatch patch) {
            return note(needs(patch));
        }

        @Override
        public Mono<Void> deleteVideo(String id) {
            return note(List.of(Capability.DELETE));
        }

        @Override
        public Mono<Ingest> ingestFromUrl(IngestRequest request) {
            return note(needs(request));
        }

        @Override
        public Mono<Ingest> ingestStatus(String ingestId) {
            return note(List.of(Capability.INGEST_FROM_URL));
        }

        @Override
        public Mono<UploadTicket> createUpload(UploadRequest request) {
            return note(List.of(Capability.DIRECT_UPLOAD));
        }

        @Override
        public Mono<OutboundRequest> authorize(OutboundRequest request) {
            return note(List.of());
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
            return note(List.of());
        }
    }
}
