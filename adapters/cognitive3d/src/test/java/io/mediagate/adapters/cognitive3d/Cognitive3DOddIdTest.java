package io.mediagate.adapters.cognitive3d;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.GuardedVideoProvider;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.cognitive3d.Cognitive3DSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

/**
 * The vendor documents a media item's {@code id} as an integer. A live video whose id is none is the vendor
 * answering unexpectedly, and the failure says so, for single reads (which stream the library) and lists alike,
 * rather than surfacing as a JSON library's conversion error.
 */
class Cognitive3DOddIdTest {
    private static final Cognitive3DSimulator SIM = new Cognitive3DSimulator(0);

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void reset() {
        SIM.reset();
    }

    private static VideoProvider provider() {
        return GuardedVideoProvider.guard(
                new Cognitive3DProviderFactory()
                        .create(
                                new ConnectionSpec(
                                        "c3d-odd",
                                        "cognitive3d",
                                        URI.create(SIM.baseUrl()),
                                        Map.of("api-key", Cognitive3DSimulator.DEMO_ORG_KEY),
                                        Map.of("project-id", String.valueOf(Cognitive3DSimulator.DEMO_PROJECT))),
                                ProviderContext.defaults()),
                true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "{\"n\":301}", "[301]", "123456789012345678901234567890"})
    void aSingleReadNamesTheBadId(String id) {
        assertUnexpectedId(id, p -> p.getVideo("301"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "{\"n\":301}", "[301]", "123456789012345678901234567890"})
    void aListNamesTheBadId(String id) {
        assertUnexpectedId(id, p -> p.listVideos(new ListQuery(10, null, null, null, false)));
    }

    private static void assertUnexpectedId(String id, Function<VideoProvider, Mono<?>> call) {
        SIM.answerNext(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"id\":" + id + ",\"name\":\"odd\",\"staticMedia\":false,\"archived\":false,"
                        + "\"contentType\":\"video/mp4\"}]")
                .build());
        ProviderException e = catchThrowableOfType(
                ProviderException.class, () -> call.apply(provider()).block(Duration.ofSeconds(10)));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.getMessage()).startsWith("Cognitive3D answered a media item whose id is not a whole number (");
    }
}
