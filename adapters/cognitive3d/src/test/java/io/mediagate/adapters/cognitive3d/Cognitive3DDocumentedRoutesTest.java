package io.mediagate.adapters.cognitive3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.GuardedVideoProvider;
import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.InvalidConnectionException;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.UnsupportedCapabilityException;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.cognitive3d.Cognitive3DSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * EVIDENCE.md findings 1 and 2 against a vendor that answers only its documented routes: get and delete go
 * through the documented list and DELETE, update is offered only when a connection opts in to the guessed route,
 * and a refused guessed route is a refuted guess, never a missing video.
 */
class Cognitive3DDocumentedRoutesTest {
    private static final Cognitive3DSimulator SIM = new Cognitive3DSimulator(0);
    private static final String LIST = "/v0/projects/4242/media?excludeArchived=true";

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void reset() {
        SIM.mode(SimulatorMode.DOCUMENTED).reset();
    }

    private static VideoProvider provider(Map<String, String> extraOptions) {
        Map<String, String> options = new HashMap<>(extraOptions);
        options.put("project-id", "4242");
        // behind the guard the gateway puts around every provider: it, not the adapter, refuses what is missing
        return GuardedVideoProvider.guard(
                new Cognitive3DProviderFactory()
                        .create(
                                new ConnectionSpec(
                                        "c3d-doc",
                                        "cognitive3d",
                                        URI.create(SIM.baseUrl()),
                                        Map.of("api-key", Cognitive3DSimulator.DEMO_ORG_KEY),
                                        options),
                                ProviderContext.defaults()),
                true);
    }

    private static VideoProvider updating() {
        return provider(Map.of("update-route", "put-media"));
    }

    private static <T> T await(Mono<T> mono) {
        return mono.block(Duration.ofSeconds(10));
    }

    private static List<String> calls() {
        return SIM.requests().stream()
                .map(r -> r.getMethod().getName() + " " + r.getUrl())
                .toList();
    }

    private static String firstVideoId(VideoProvider p) {
        String id = await(p.listVideos(ListQuery.first(1))).data().get(0).id();
        SIM.reset();
        return id;
    }

    @Test
    void getFindsAnExistingVideoInTheDocumentedList() {
        VideoProvider p = provider(Map.of());
        String id = firstVideoId(p);
        Video got = await(p.getVideo(id));
        assertThat(got.id()).isEqualTo(id);
        assertThat(got.title()).isEqualTo("Night Shift Briefing");
        assertThat(calls()).containsExactly("GET " + LIST);
    }

    @Test
    void getOfAMissingNumericIdIsNotFoundAfterTheList() {
        ProviderException e = catchThrowableOfType(
                ProviderException.class, () -> await(provider(Map.of()).getVideo("999999")));
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(calls()).containsExactly("GET " + LIST);
    }

    @Test
    void deleteChecksTheListThenCallsTheDocumentedDelete() {
        VideoProvider p = provider(Map.of());
        String id = firstVideoId(p);
        await(p.deleteVideo(id));
        assertThat(calls()).containsExactly("GET " + LIST, "DELETE /v0/projects/4242/media/" + id);
        assertThat(SIM.mediaOf(4242))
                .filteredOn(m -> String.valueOf(m.get("id")).equals(id))
                .singleElement()
                .satisfies(m -> assertThat(m).containsEntry("archived", true));
        assertThat(catchThrowableOfType(ProviderException.class, () -> await(p.deleteVideo(id)))
                        .kind())
                .as("a second delete of an archived video")
                .isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void updateIsNotOfferedUnlessTheConnectionOptsIn() {
        VideoProvider p = provider(Map.of());
        assertThat(p.capabilities().supports(Capability.UPDATE)).isFalse();
        assertThatThrownBy(() -> await(p.updateVideo("307", new VideoPatch("renamed", null, null, null))))
                .isInstanceOfSatisfying(
                        UnsupportedCapabilityException.class,
                        e -> assertThat(e.capability()).isEqualTo(Capability.UPDATE));
        assertThat(SIM.calls())
                .as("no vendor call for an unsupported operation")
                .isZero();
    }

    @Test
    void optedInUpdateIsUnverifiedAndARefusedRouteIsARefutedGuessNotAMissingVideo() {
        VideoProvider p = updating();
        assertThat(p.capabilities().supports(Capability.UPDATE)).isTrue();
        assertThat(p.capabilities().isUnverified(Capability.UPDATE)).isTrue();
        String id = firstVideoId(p);
        GuessRefutedException e = catchThrowableOfType(
                GuessRefutedException.class,
                () -> await(p.updateVideo(id, new VideoPatch("renamed", null, null, null))));
        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.route()).isEqualTo("PUT /projects/{projectId}/media/{mediaId}");
        assertThat(e.option()).isEqualTo("update-route");
        assertThat(e.vendorStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("options.update-route").doesNotContain(Cognitive3DSimulator.DEMO_ORG_KEY);
        assertThat(calls()).containsExactly("GET " + LIST, "PUT /v0/projects/4242/media/" + id);
        assertThat(SIM.mediaOf(4242)).noneMatch(m -> "renamed".equals(m.get("name")));
    }

    @Test
    void optedInUpdateWorksWhereTheVendorAnswersTheGuessedRoute() {
        SIM.mode(SimulatorMode.GUESSED);
        VideoProvider p = updating();
        String id = firstVideoId(p);
        Video updated = await(p.updateVideo(id, new VideoPatch("Renamed", "New words", null, null)));
        assertThat(updated.title()).isEqualTo("Renamed");
        assertThat(updated.description()).isEqualTo("New words");
        assertThat(calls()).containsExactly("GET " + LIST, "PUT /v0/projects/4242/media/" + id);
        LoggedRequest put = SIM.requests().get(1);
        assertThat(put.getBodyAsString()).isEqualTo("{\"name\":\"Renamed\",\"description\":\"New words\"}");
    }

    @Test
    void optedInUploadIsFlaggedUnverified() {
        VideoProvider p = provider(Map.of("upload-passthrough-url", "https://gw.example.com/v1/connections/c/raw"));
        assertThat(p.capabilities().supports(Capability.DIRECT_UPLOAD)).isTrue();
        assertThat(p.capabilities().unverified()).containsExactly(Capability.DIRECT_UPLOAD);
        assertThat(await(p.createUpload(new UploadRequest("a.mp4", "video/mp4", 1L, null)))
                        .method())
                .isEqualTo("POST");
        assertThat(provider(Map.of()).capabilities().unverified()).isEmpty();
    }

    @Test
    void anUnknownUpdateRouteStopsStartUpNamingTheOption() {
        assertThatThrownBy(() -> provider(Map.of("update-route", "patch-media")))
                .isInstanceOf(InvalidConnectionException.class)
                .hasMessageContaining("mediagate.connections.c3d-doc.options.update-route")
                .hasMessageContaining("none or put-media");
        assertThat(provider(Map.of("update-route", "none")).capabilities().supports(Capability.UPDATE))
                .isFalse();
    }
}
