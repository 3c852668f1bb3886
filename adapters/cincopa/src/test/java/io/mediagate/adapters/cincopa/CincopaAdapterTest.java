package io.mediagate.adapters.cincopa;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediagate.adapters.cincopa.internal.CincopaMapper;
import io.mediagate.contracts.Ingest;
import io.mediagate.contracts.IngestRequest;
import io.mediagate.contracts.IngestStatus;
import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.sandbox.cincopa.CincopaSimulator;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Cincopa specifics: its error shapes, its field formats, the token in the query and never anywhere else. */
class CincopaAdapterTest {
    static final CincopaSimulator SIM = new CincopaSimulator(0);
    private final VideoProvider provider = new CincopaProviderFactory()
            .create(
                    new ConnectionSpec(
                            "cincopa-test",
                            "cincopa",
                            URI.create(SIM.baseUrl()),
                            Map.of("api-token", CincopaSimulator.DEMO_TOKEN),
                            Map.of()),
                    ProviderContext.defaults());

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void reset() {
        SIM.reset();
    }

    @Test
    void mapsARecordedAsset() {
        String recorded = """
                {"rid":"AbCdEfGh","type":"video","caption":"Launch","description":"d","tags":"a, b,,a",
                 "uploaded":"2026-03-01 09:00:00","modified":"2026-03-02T10:00:00Z",
                 "thumbnail":{"url":"https://t/x.jpg"},"exif":{"duration":"01:02:03.50"},
                 "versions":{"hls":{"url":"https://m/x.m3u8"}}}""";
        Video v = CincopaMapper.toVideo(VendorJson.mapper().readTree(recorded), "c", false);
        assertThat(v.id()).isEqualTo("AbCdEfGh");
        assertThat(v.title()).isEqualTo("Launch");
        assertThat(v.durationSeconds()).isEqualTo(3723.5);
        assertThat(v.createdAt()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(v.updatedAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(v.tags()).containsExactly("a", "b");
        assertThat(v.thumbnailUrl()).isEqualTo("https://t/x.jpg");
        assertThat(v.playback().hlsUrl()).isEqualTo("https://m/x.m3u8");
        assertThat(v.raw()).isNull();
    }

    @Test
    void unreadableDurationAndDatesBecomeAbsentNotErrors() {
        assertThat(CincopaMapper.duration("n/a")).isNull();
        assertThat(CincopaMapper.instant("yesterday")).isNull();
    }

    @Test
    void successFalseOnHttp200IsMappedByItsMessage() {
        SIM.answerNext(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"message\":\"Asset not found\"}")
                .build());
        assertThat(failure(() -> provider.getVideo("AnyRid0001")).kind()).isEqualTo(Kind.NOT_FOUND);
        SIM.answerNext(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"message\":\"items_per_page must be a number\"}")
                .build());
        assertThat(failure(() -> provider.listVideos(ListQuery.first(5))).kind())
                .isEqualTo(Kind.INVALID_REQUEST);
        SIM.answerNext(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"items\":[]}")
                .build());
        assertThat(failure(() -> provider.listVideos(ListQuery.first(5))).kind())
                .isEqualTo(Kind.UPSTREAM_ERROR);
    }

    @Test
    void imagesAreNotVideos() {
        String imageRid = (String) SIM.assetsOfType("image").get(0).get("rid");
        assertThat(failure(() -> provider.getVideo(imageRid)).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(failure(() -> provider.deleteVideo(imageRid)).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(SIM.assetsOfType("image")).hasSize(1);
    }

    @Test
    void ingestCompletesIntoANewListedVideo() {
        Ingest started = provider.ingestFromUrl(
                        new IngestRequest("https://media.example.com/launch.mp4", null, null, null, null))
                .block();
        assertThat(started.status()).isEqualTo(IngestStatus.PENDING);
        assertThat(provider.ingestStatus(started.id()).block().status()).isEqualTo(IngestStatus.PROCESSING);
        Ingest done = provider.ingestStatus(started.id()).block();
        assertThat(done.status()).isEqualTo(IngestStatus.READY);
        assertThat(provider.getVideo(done.videoId()).block().title()).isEqualTo("launch.mp4");
    }

    @Test
    void changingTheLimitMidWalkIsAClearError() {
        String next = provider.listVideos(ListQuery.first(2)).block().nextCursor();
        assertThat(failure(() -> provider.listVideos(ListQuery.first(3).withCursor(next)))
                        .kind())
                .isEqualTo(Kind.INVALID_REQUEST);
    }

    @Test
    void authorizeSetsExactlyOneTokenOfOurs() {
        OutboundRequest out = provider.authorize(new OutboundRequest(
                        "GET", "/asset.list.json", "page=2&api_token=client-supplied", Map.of(), null))
                .block();
        assertThat(out.rawQuery()).isEqualTo("page=2&api_token=" + CincopaSimulator.DEMO_TOKEN);
    }

    @Test
    void missingTokenStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> new CincopaProviderFactory()
                        .create(
                                new ConnectionSpec(
                                        "c1", "cincopa", URI.create("https://api.cincopa.com/v2"), Map.of(), Map.of()),
                                ProviderContext.defaults()))
                .isInstanceOf(InvalidConnectionException.class)
                .hasMessageContaining("mediagate.connections.c1.credentials.api-token");
    }

    @Test
    void tokenNeverAppearsInErrors() {
        for (Runnable fault : List.<Runnable>of(SIM::failNext, SIM::malformNext)) {
            fault.run();
            ProviderException e = failure(() -> provider.listVideos(ListQuery.first(5)));
            assertThat(String.valueOf(e.getMessage())).doesNotContain(CincopaSimulator.DEMO_TOKEN);
        }
    }

    private static ProviderException failure(Supplier<Mono<?>> call) {
        try {
            call.get().block();
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected a ProviderException");
    }
}
