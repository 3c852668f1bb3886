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
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * One vendor account behind one connection, spoken to in normalized terms.
 *
 * <p>Semantics every implementation shares:
 * <ul>
 *   <li>Every failure is a {@link ProviderException} with one of its closed {@link ProviderException.Kind}s;
 *       no vendor or HTTP-client exception escapes.</li>
 *   <li>An operation the vendor cannot do fails with {@link UnsupportedCapabilityException} naming the
 *       {@link Capability}, before any vendor call; it is never a silent no-op.</li>
 *   <li>Implementations translate only: they never retry, sleep, cache or rate-limit. The gateway does.</li>
 *   <li>Ids are the vendor's own ids, passed through unchanged.</li>
 * </ul>
 */
public interface VideoProvider {

    /** The connection id this instance serves. */
    String connectionId();

    /** The vendor name, e.g. {@code cincopa}. */
    String vendor();

    /** What this vendor supports; callers may ask before they call. */
    Capabilities capabilities();

    /**
     * One page of the account's videos, newest first where the vendor orders them. Raw vendor fields are
     * needed only when {@link ListQuery#includeRaw()} is set (the gateway drops them otherwise). Paging to the end with the
     * returned cursors visits every video once; a cursor from another connection or a forged one is
     * {@code INVALID_REQUEST}.
     */
    Mono<Page<Video>> listVideos(ListQuery query);

    /**
     * One video, with the vendor's own fields in {@link Video#raw()} (the gateway drops them unless the caller
     * asks for {@code include=raw}); an unknown id is {@code NOT_FOUND}.
     */
    Mono<Video> getVideo(String id);

    /**
     * As {@link #getVideo(String)}; without {@code includeRaw} the adapter may skip building {@link Video#raw()},
     * which the gateway would drop. Every other field is the same either way.
     */
    default Mono<Video> getVideo(String id, boolean includeRaw) {
        return getVideo(id);
    }

    /** Applies a merge patch and returns the video as it is afterwards. */
    default Mono<Video> updateVideo(String id, VideoPatch patch) {
        return Mono.error(new UnsupportedCapabilityException(Capability.UPDATE));
    }

    /** Deletes a video; afterwards {@link #getVideo} answers {@code NOT_FOUND}. */
    default Mono<Void> deleteVideo(String id) {
        return Mono.error(new UnsupportedCapabilityException(Capability.DELETE));
    }

    /** Asks the vendor to fetch a video from a URL; the returned job is polled with {@link #ingestStatus}. */
    default Mono<Ingest> ingestFromUrl(IngestRequest request) {
        return Mono.error(new UnsupportedCapabilityException(Capability.INGEST_FROM_URL));
    }

    /** Status of an upload-from-URL job; an unknown id is {@code NOT_FOUND}. */
    default Mono<Ingest> ingestStatus(String ingestId) {
        return Mono.error(new UnsupportedCapabilityException(Capability.INGEST_FROM_URL));
    }

    /** A ticket the caller uses to upload a file straight to the vendor. */
    default Mono<UploadTicket> createUpload(UploadRequest request) {
        return Mono.error(new UnsupportedCapabilityException(Capability.DIRECT_UPLOAD));
    }

    /**
     * Adds this connection's credentials (headers, query token or signature) to a raw request bound for the
     * vendor's base URL. Used by passthrough; must not send anything.
     */
    Mono<OutboundRequest> authorize(OutboundRequest request);

    /** The vendor's documented request limit for this connection, or null when the vendor publishes none. */
    default VendorPlan plan() {
        return null;
    }

    /**
     * Probes of this vendor's guessed wire calls, for the connection check (each makes at most one vendor call;
     * see {@link WireProbe}). The check adds the vendor-neutral probes (credentials, paging, one video's fields,
     * the normalized tag filter) itself. Empty for a vendor whose calls all rest on documentation.
     */
    default List<WireProbe> wireProbes() {
        return List.of();
    }

    /**
     * What raw passthrough may send to this vendor; the gateway enforces it, reading it once per connection. The
     * default allows the standard methods and headers. (Which credentials must never come back is {@link VendorDescriptor#secretCredentials()}.)
     */
    default RawPolicy rawPolicy() {
        return RawPolicy.DEFAULT;
    }

    /** A cheap authenticated call proving the credentials work. */
    Mono<Health> ping();
}
