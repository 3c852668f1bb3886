package io.mediagate.adapters.cognitive3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.cognitive3d.Cognitive3DSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** An organisation key reaches its own organisation's projects and media, never another's. */
class Cognitive3DOrganisationIsolationTest {
    private static final Cognitive3DSimulator SIM = new Cognitive3DSimulator(0);

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void reset() {
        SIM.reset();
    }

    private static VideoProvider provider(String key, long project) {
        return new Cognitive3DProviderFactory()
                .create(
                        new ConnectionSpec(
                                "c3d-iso",
                                "cognitive3d",
                                URI.create(SIM.baseUrl()),
                                Map.of("api-key", key),
                                Map.of("project-id", String.valueOf(project), "update-route", "put-media")),
                        ProviderContext.defaults());
    }

    private static <T> T await(Mono<T> mono) {
        return mono.block(Duration.ofSeconds(10));
    }

    private static Kind kindOf(Mono<?> call) {
        return catchThrowableOfType(ProviderException.class, () -> await(call)).kind();
    }

    private static String northwindVideoId() {
        VideoProvider northwind = provider(Cognitive3DSimulator.OTHER_ORG_KEY, Cognitive3DSimulator.OTHER_PROJECT);
        return await(northwind.listVideos(ListQuery.first(10))).data().get(0).id();
    }

    @Test
    void anotherOrganisationsProjectIsForbiddenForListGetPatchAndDelete() {
        String theirs = northwindVideoId();
        VideoProvider intruder = provider(Cognitive3DSimulator.DEMO_ORG_KEY, Cognitive3DSimulator.OTHER_PROJECT);

        assertThat(kindOf(intruder.listVideos(ListQuery.first(10)))).isEqualTo(Kind.FORBIDDEN);
        assertThat(kindOf(intruder.getVideo(theirs))).isEqualTo(Kind.FORBIDDEN);
        assertThat(kindOf(intruder.updateVideo(theirs, new VideoPatch("hijacked", null, null, null))))
                .isEqualTo(Kind.FORBIDDEN);
        assertThat(kindOf(intruder.deleteVideo(theirs))).isEqualTo(Kind.FORBIDDEN);

        assertThat(SIM.mediaOf(Cognitive3DSimulator.OTHER_PROJECT))
                .noneMatch(m -> "hijacked".equals(m.get("name")) || Boolean.TRUE.equals(m.get("archived")));
    }

    @Test
    void anotherOrganisationsMediaIdThroughOwnProjectIsNotFoundAndUntouched() {
        String theirs = northwindVideoId();
        VideoProvider demo = provider(Cognitive3DSimulator.DEMO_ORG_KEY, Cognitive3DSimulator.DEMO_PROJECT);

        assertThat(kindOf(demo.getVideo(theirs))).isEqualTo(Kind.NOT_FOUND);
        assertThat(kindOf(demo.updateVideo(theirs, new VideoPatch("hijacked", null, null, null))))
                .isEqualTo(Kind.NOT_FOUND);
        assertThat(kindOf(demo.deleteVideo(theirs))).isEqualTo(Kind.NOT_FOUND);

        VideoProvider northwind = provider(Cognitive3DSimulator.OTHER_ORG_KEY, Cognitive3DSimulator.OTHER_PROJECT);
        Video still = await(northwind.getVideo(theirs));
        assertThat(still.title()).isNotEqualTo("hijacked");
    }

    @Test
    void eachKeySeesOnlyItsOwnOrganisationsVideos() {
        List<String> demo = ids(provider(Cognitive3DSimulator.DEMO_ORG_KEY, Cognitive3DSimulator.DEMO_PROJECT));
        List<String> northwind = ids(provider(Cognitive3DSimulator.OTHER_ORG_KEY, Cognitive3DSimulator.OTHER_PROJECT));
        assertThat(demo).hasSize(7).doesNotContainAnyElementsOf(northwind);
        assertThat(northwind).hasSize(3);
    }

    @Test
    void pingNamesTheKeysOwnOrganisation() {
        assertThat(await(provider(Cognitive3DSimulator.DEMO_ORG_KEY, Cognitive3DSimulator.DEMO_PROJECT)
                                .ping())
                        .account())
                .isEqualTo("101");
        assertThat(await(provider(Cognitive3DSimulator.OTHER_ORG_KEY, Cognitive3DSimulator.OTHER_PROJECT)
                                .ping())
                        .account())
                .isEqualTo("202");
    }

    @Test
    void unknownProjectIsNotFound() {
        assertThat(kindOf(provider(Cognitive3DSimulator.DEMO_ORG_KEY, 999_999).listVideos(ListQuery.first(5))))
                .isEqualTo(Kind.NOT_FOUND);
    }

    private static List<String> ids(VideoProvider p) {
        return await(p.listVideos(ListQuery.first(100))).data().stream()
                .map(Video::id)
                .toList();
    }
}
