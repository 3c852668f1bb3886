package io.mediagate.contracts.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediagate.contracts.Health;
import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Page;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The guard is the one place that refuses what a connection lacks, and lets no foreign exception out. */
class GuardedVideoProviderTest {
    private final AtomicInteger adapterCalls = new AtomicInteger();

    /** An adapter that fails the way a buggy one would: eagerly, lazily, with a library's exception. */
    private final VideoProvider adapter = new VideoProvider() {
        @Override
        public String connectionId() {
            return "c";
        }

        @Override
        public String vendor() {
            return "v";
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.of(Capability.UPDATE, Capability.TAGS).withRefused(Capability.TAGS);
        }

        @Override
        public Mono<Page<Video>> listVideos(ListQuery query) {
            adapterCalls.incrementAndGet();
            throw new IllegalStateException("bug at https://vendor.example/list?token=s3cret");
        }

        @Override
        public Mono<Video> getVideo(String id) {
            adapterCalls.incrementAndGet();
            return Mono.error(new IOException("connection reset"));
        }

        @Override
        public Mono<Video> updateVideo(String id, VideoPatch patch) {
            adapterCalls.incrementAndGet();
            return Mono.error(ProviderException.notFound("video " + id));
        }

        @Override
        public Mono<OutboundRequest> authorize(OutboundRequest request) {
            return Mono.just(request);
        }

        @Override
        public Mono<Health> ping() {
            return Mono.error(new UnsupportedOperationException());
        }
    };

    private final GuardedVideoProvider guard = (GuardedVideoProvider) GuardedVideoProvider.guard(adapter, true);

    @Test
    void aForeignExceptionThrownEagerlyBecomesAnUpstreamErrorWithoutItsMessage() {
        assertThatThrownBy(() -> guard.listVideos(ListQuery.first(1)).block())
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.UPSTREAM_ERROR);
                    assertThat(e.getMessage()).contains("IllegalStateException").doesNotContain("s3cret");
                });
    }

    @Test
    void anIoFailureBecomesUnavailable() {
        assertThatThrownBy(() -> guard.getVideo("1").block())
                .isInstanceOfSatisfying(
                        ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE));
    }

    @Test
    void theSpisOwnFailuresPassUnchanged() {
        assertThatThrownBy(() -> guard.updateVideo("1", new VideoPatch("t", null, null, null))
                        .block())
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
    }

    @Test
    void admitNamesWhatIsMissingOrRefusedWithoutCallingTheAdapter() {
        assertThat(guard.admit(p -> p.updateVideo("1", new VideoPatch(null, null, null, Map.of("k", "v")))))
                .isInstanceOfSatisfying(
                        UnsupportedCapabilityException.class,
                        e -> assertThat(e.capability()).isEqualTo(Capability.METADATA));
        assertThat(guard.admit(p -> p.updateVideo("1", new VideoPatch(null, null, List.of("a"), null))))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.FORBIDDEN));
        assertThat(guard.admit(p -> p.deleteVideo("1"))).isInstanceOf(UnsupportedCapabilityException.class);
        assertThat(guard.admit(p -> p.updateVideo("1", new VideoPatch("t", null, null, null))))
                .isNull();
        assertThat(guard.admit(p -> p.listVideos(ListQuery.first(1)))).isNull();
        assertThat(adapterCalls).hasValue(0);
    }
}
