package io.mediagate.adapters.cognitive3d;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Page;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.VideoProviderFactory;
import io.mediagate.sandbox.cognitive3d.Cognitive3DSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

/** Connection settings, the two key formats on the wire, and paging quirks of the unpaged media list. */
class Cognitive3DConnectionTest {
    private static final Cognitive3DSimulator SIM = new Cognitive3DSimulator(0);

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void reset() {
        SIM.reset();
    }

    private static VideoProvider provider(String id, Map<String, String> credentials, Map<String, String> options) {
        return new Cognitive3DProviderFactory()
                .create(
                        new ConnectionSpec(id, "cognitive3d", URI.create(SIM.baseUrl()), credentials, options),
                        ProviderContext.defaults());
    }

    private static VideoProvider demo(String id) {
        return provider(id, Map.of("api-key", Cognitive3DSimulator.DEMO_ORG_KEY), Map.of("project-id", "4242"));
    }

    private static <T> T await(Mono<T> mono) {
        return mono.block(Duration.ofSeconds(10));
    }

    @Test
    void isFoundByServiceLoaderUnderItsVendorName() {
        assertThat(ServiceLoader.load(VideoProviderFactory.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .map(VideoProviderFactory::vendor))
                .contains("cognitive3d");
    }

    @Test
    void legacyKeysTravelBehindTheApikeyOrganizationScheme() {
        VideoProvider legacy = provider(
                "c3d-legacy",
                Map.of("api-key", Cognitive3DSimulator.DEMO_LEGACY_KEY, "key-format", "legacy"),
                Map.of("project-id", "4242"));
        assertThat(await(legacy.listVideos(ListQuery.first(100))).data()).hasSize(7);
        assertThat(SIM.requests())
                .last()
                .satisfies(r -> assertThat(r.getHeader("Authorization"))
                        .isEqualTo("APIKEY:ORGANIZATION " + Cognitive3DSimulator.DEMO_LEGACY_KEY));
    }

    @Test
    void currentKeysAreSentRawWithoutBearer() {
        await(demo("c3d-main").ping());
        assertThat(SIM.requests()).last().satisfies(r -> {
            assertThat(r.getUrl()).isEqualTo("/v0/organizations/apiKeys/whoami");
            assertThat(r.getHeader("Authorization")).isEqualTo(Cognitive3DSimulator.DEMO_ORG_KEY);
        });
    }

    @Test
    void aKeyConfiguredWithoutItsOrgkeyPrefixGetsIt() {
        String bare = Cognitive3DSimulator.DEMO_ORG_KEY.substring("orgkey-".length());
        VideoProvider p = provider("c3d-bare", Map.of("api-key", bare), Map.of("project-id", "4242"));
        assertThat(await(p.ping()).up()).isTrue();
    }

    @Test
    void aLegacyKeySentInTheCurrentFormIsUnauthorized() {
        VideoProvider wrongFormat = provider(
                "c3d-wrong", Map.of("api-key", Cognitive3DSimulator.DEMO_LEGACY_KEY), Map.of("project-id", "4242"));
        ProviderException e =
                catchThrowableOfType(ProviderException.class, () -> await(wrongFormat.listVideos(ListQuery.first(5))));
        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.getMessage()).doesNotContain(Cognitive3DSimulator.DEMO_LEGACY_KEY);
    }

    @Test
    void authorizeReplacesTheCallersAuthorizationWithTheOrganisationKey() {
        OutboundRequest raw = new OutboundRequest(
                "GET", "/projects/4242/media", "", Map.of("authorization", List.of("Bearer gateway-client-key")), null);
        OutboundRequest signed = await(demo("c3d-main").authorize(raw));
        assertThat(signed.headerNames()).containsOnlyOnce("authorization");
        assertThat(signed.header("Authorization")).isEqualTo(Cognitive3DSimulator.DEMO_ORG_KEY);
    }

    @Test
    void missingOrBadSettingsNameTheirKey() {
        assertThatThrownBy(() -> provider("c3d-x", Map.of("api-key", "orgkey-a"), Map.of()))
                .isInstanceOf(InvalidConnectionException.class)
                .hasMessageContaining("mediagate.connections.c3d-x.options.project-id");
        assertThatThrownBy(() -> provider("c3d-x", Map.of("api-key", "orgkey-a"), Map.of("project-id", "abc")))
                .hasMessageContaining("mediagate.connections.c3d-x.options.project-id");
        assertThatThrownBy(() -> provider("c3d-x", Map.of(), Map.of("project-id", "4242")))
                .hasMessageContaining("mediagate.connections.c3d-x.credentials.api-key");
        assertThatThrownBy(() -> provider(
                        "c3d-x", Map.of("api-key", "orgkey-a", "key-format", "bearer"), Map.of("project-id", "4242")))
                .hasMessageContaining("mediagate.connections.c3d-x.credentials.key-format")
                .hasMessageNotContaining("orgkey-a");
        assertThatThrownBy(() -> provider(
                        "c3d-x",
                        Map.of("api-key", "orgkey-a"),
                        Map.of("project-id", "4242", "upload-passthrough-url", "not a url")))
                .hasMessageContaining("mediagate.connections.c3d-x.options.upload-passthrough-url");
    }

    @Test
    void pagingStaysCompleteWhenAVideoIsDeletedBetweenPages() {
        VideoProvider p = demo("c3d-main");
        Page<Video> first = await(p.listVideos(ListQuery.first(3)));
        await(p.deleteVideo(first.data().get(0).id()));
        Page<Video> second = await(p.listVideos(ListQuery.first(3).withCursor(first.nextCursor())));
        // the keyset cursor neither skips nor repeats although the vendor's array shrank under it
        assertThat(second.data())
                .extracting(Video::id)
                .doesNotContainAnyElementsOf(
                        first.data().stream().map(Video::id).toList())
                .hasSize(3);
        assertThat(Long.parseLong(second.data().get(0).id()))
                .isLessThan(Long.parseLong(first.data().get(2).id()));
    }

    @Test
    void aCursorFromAnotherConnectionOrForgedIsInvalidRequest() {
        String cursor = await(demo("c3d-main").listVideos(ListQuery.first(2))).nextCursor();
        for (String bad : List.of(cursor, "bm90LW91cnM", "%%%")) {
            ProviderException e = catchThrowableOfType(
                    ProviderException.class,
                    () -> await(demo("c3d-other").listVideos(ListQuery.first(2).withCursor(bad))));
            assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST);
        }
    }

    @Test
    void archivedVideosAreNeitherListedNorFound() {
        VideoProvider p = demo("c3d-main");
        String archivedId = SIM.mediaOf(4242).stream()
                .filter(m -> Boolean.TRUE.equals(m.get("archived")))
                .map(m -> String.valueOf(m.get("id")))
                .findFirst()
                .orElseThrow();
        assertThat(await(p.listVideos(ListQuery.first(100))).data())
                .extracting(Video::id)
                .doesNotContain(archivedId);
        assertThat(catchThrowableOfType(ProviderException.class, () -> await(p.getVideo(archivedId)))
                        .kind())
                .isEqualTo(Kind.NOT_FOUND);
    }

    /** Odd ids of a live video: text that is no number, an object, an array, a number past 64 bits. */
    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "{\"n\":301}", "[301]", "123456789012345678901234567890"})
    void anIdThatIsNoWholeNumberFailsReadsAndListsNamingTheId(String id) {
        // the vendor documents the id as an integer: anything else is the vendor answering unexpectedly, said so
        List<Function<VideoProvider, Mono<?>>> calls =
                List.of(p -> p.getVideo("301"), p -> p.listVideos(new ListQuery(10, null, null, null, false)));
        for (Function<VideoProvider, Mono<?>> call : calls) {
            SIM.answerNext(aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("[{\"id\":" + id + ",\"name\":\"odd\",\"staticMedia\":false,\"archived\":false,"
                            + "\"contentType\":\"video/mp4\"}]")
                    .build());
            ProviderException e =
                    catchThrowableOfType(ProviderException.class, () -> await(call.apply(demo("c3d-odd"))));
            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
            assertThat(e.getMessage()).startsWith("Cognitive3D answered a media item whose id is not a whole number (");
        }
    }
}
