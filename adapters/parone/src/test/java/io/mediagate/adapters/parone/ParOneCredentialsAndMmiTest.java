package io.mediagate.adapters.parone;

import static io.mediagate.contracts.kit.Failures.providerFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.parone.ParOneSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which ParOne credential each call carries, read-only connections, MMI sub-organisations, plan limits. */
class ParOneCredentialsAndMmiTest {
    static final ParOneSimulator SIM = new ParOneSimulator(0);

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void reset() {
        SIM.mode(SimulatorMode.DOCUMENTED);
        SIM.reset();
    }

    private static VideoProvider with(Map<String, String> credentials) {
        return ParOneProviderContractTest.provider(SIM, credentials);
    }

    private static Map<String, String> sub(String mmi) {
        Map<String, String> c = new HashMap<>(ParOneProviderContractTest.full());
        c.put("mmi-key", mmi);
        return c;
    }

    @Test
    void readsSendOnlyTheSyncCodeAndWritesOnlyKeyAndSecret() {
        SIM.mode(SimulatorMode.GUESSED); // the delete route is a guess
        VideoProvider p = with(ParOneProviderContractTest.full());
        String key = p.listVideos(ListQuery.first(1)).block().data().get(0).id();
        p.deleteVideo(key).block();
        List<LoggedRequest> calls = SIM.requests();
        LoggedRequest read = calls.get(0);
        LoggedRequest write = calls.get(calls.size() - 1);
        assertThat(read.getMethod().getName()).isEqualTo("GET");
        assertThat(read.getHeader("X-Parone-Sync-Code")).isEqualTo(ParOneSimulator.SYNC_CODE);
        assertThat(read.containsHeader("X-Parone-Api-Key")).isFalse();
        assertThat(read.containsHeader("X-Parone-Api-Secret")).isFalse();
        assertThat(write.getMethod().getName()).isEqualTo("DELETE");
        assertThat(write.getHeader("X-Parone-Api-Key")).isEqualTo(ParOneSimulator.API_KEY);
        assertThat(write.getHeader("X-Parone-Api-Secret")).isEqualTo(ParOneSimulator.API_SECRET);
        assertThat(write.containsHeader("X-Parone-Sync-Code")).isFalse();
    }

    @Test
    void syncCodeOnlyConnectionReadsButRefusesWritesBeforeAnyCall() {
        VideoProvider readOnly = with(Map.of("sync-code", ParOneSimulator.SYNC_CODE));
        String key =
                readOnly.listVideos(ListQuery.first(1)).block().data().get(0).id();
        long callsBefore = SIM.calls();
        for (Runnable write : List.<Runnable>of(
                () -> readOnly.updateVideo(key, new VideoPatch("x", null, null, null))
                        .block(),
                () -> readOnly.deleteVideo(key).block(),
                () -> readOnly.createUpload(new UploadRequest("a.mp4", null, null, null))
                        .block(),
                () -> readOnly.authorize(new OutboundRequest("POST", "/content/", "", Map.of(), null))
                        .block())) {
            ProviderException e = providerFailure(write);
            assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
            assertThat(e.getMessage()).contains("read-only");
        }
        assertThat(SIM.calls()).as("no write reached ParOne").isEqualTo(callsBefore);
    }

    @Test
    void subOrganisationsSeeOnlyTheirOwnVideos() {
        List<String> parent = ids(with(ParOneProviderContractTest.full()));
        List<String> north = ids(with(sub(ParOneSimulator.MMI_NORTH)));
        List<String> south = ids(with(sub(ParOneSimulator.MMI_SOUTH)));
        assertThat(parent).hasSize(7).doesNotContainAnyElementsOf(north).doesNotContainAnyElementsOf(south);
        assertThat(north).hasSize(6).doesNotContainAnyElementsOf(south);
        assertThat(providerFailure(() -> with(sub(ParOneSimulator.MMI_NORTH))
                                .getVideo(parent.get(0))
                                .block())
                        .kind())
                .isEqualTo(Kind.NOT_FOUND);
        LoggedRequest last = SIM.requests().get(SIM.requests().size() - 1);
        assertThat(last.getHeader("X-ParOne-MMI-Key")).isEqualTo(ParOneSimulator.MMI_NORTH);
        assertThat(last.queryParameter("mmi").firstValue())
                .as("the documented read parameter")
                .isEqualTo(ParOneSimulator.MMI_NORTH);
    }

    @Test
    void theMmiReadParameterCanCarryAnIdOtherThanTheKey() {
        Map<String, String> north = sub(ParOneSimulator.MMI_NORTH);
        VideoProvider p = new ParOneProviderFactory()
                .create(
                        new ConnectionSpec(
                                "p", "parone", URI.create(SIM.baseUrl()), north, Map.of("mmi-id", "north-id-17")),
                        ProviderContext.defaults());
        assertThat(providerFailure(() -> p.listVideos(ListQuery.first(5)).block())
                        .kind())
                .as("the simulator knows MMIs by key, so another id is an unknown MMI")
                .isEqualTo(Kind.FORBIDDEN);
        LoggedRequest last = SIM.requests().get(SIM.requests().size() - 1);
        assertThat(last.queryParameter("mmi").firstValue()).isEqualTo("north-id-17");
        assertThat(last.getHeader("X-ParOne-MMI-Key")).isEqualTo(ParOneSimulator.MMI_NORTH);
        assertThatThrownBy(() -> new ParOneProviderFactory()
                        .create(
                                new ConnectionSpec(
                                        "p",
                                        "parone",
                                        URI.create(SIM.baseUrl()),
                                        ParOneProviderContractTest.full(),
                                        Map.of("mmi-id", "x")),
                                ProviderContext.defaults()))
                .isInstanceOf(InvalidConnectionException.class)
                .hasMessageContaining("mediagate.connections.p.credentials.mmi-key");
    }

    @Test
    void writesThroughASubOrganisationLeaveTheParentAlone() {
        SIM.mode(SimulatorMode.GUESSED); // the update and delete routes are guesses
        VideoProvider north = with(sub(ParOneSimulator.MMI_NORTH));
        Video target = north.listVideos(ListQuery.first(1)).block().data().get(0);
        north.updateVideo(target.id(), new VideoPatch("Renamed in North", null, null, Map.of("region", "north")))
                .block();
        north.deleteVideo(north.listVideos(ListQuery.first(2))
                        .block()
                        .data()
                        .get(1)
                        .id())
                .block();
        assertThat(SIM.contentKeys(null)).hasSize(7);
        assertThat(ids(with(ParOneProviderContractTest.full()))).doesNotContain(target.id());
        assertThat(north.getVideo(target.id()).block().metadata()).containsEntry("region", "north");
    }

    @Test
    void passthroughCallersCannotPickASubOrganisationOrBringCredentials() {
        OutboundRequest raw = new OutboundRequest(
                "GET",
                "/videos/",
                "page=1&mmi=" + ParOneSimulator.MMI_SOUTH,
                Map.of(
                        "X-ParOne-MMI-Key",
                        List.of(ParOneSimulator.MMI_SOUTH),
                        "x-parone-api-key",
                        List.of("theirs"),
                        "Accept",
                        List.of("application/json")),
                null);
        OutboundRequest parent =
                with(ParOneProviderContractTest.full()).authorize(raw).block();
        assertThat(parent.header("X-ParOne-MMI-Key")).isNull();
        assertThat(parent.header("X-Parone-Api-Key")).isNull();
        assertThat(parent.header("X-Parone-Sync-Code")).isEqualTo(ParOneSimulator.SYNC_CODE);
        assertThat(parent.header("Accept")).isEqualTo("application/json");
        assertThat(parent.rawQuery()).as("a caller's mmi parameter is dropped").isEqualTo("page=1");
        OutboundRequest north =
                with(sub(ParOneSimulator.MMI_NORTH)).authorize(raw).block();
        assertThat(north.header("X-ParOne-MMI-Key")).isEqualTo(ParOneSimulator.MMI_NORTH);
        assertThat(north.rawQuery()).isEqualTo("page=1&mmi=" + ParOneSimulator.MMI_NORTH);
    }

    @Test
    void unknownMmiKeyIsForbidden() {
        assertThat(providerFailure(() -> with(sub("mmi-nobody"))
                                .listVideos(ListQuery.first(5))
                                .block())
                        .kind())
                .isEqualTo(Kind.FORBIDDEN);
    }

    @Test
    void thePlanLimitIsDeclaredAndTheVendorEnforcesIt() {
        assertThat(with(ParOneProviderContractTest.full()).plan().requests()).isEqualTo(100);
        Map<String, String> enterprise = ParOneProviderContractTest.full();
        VideoProvider big = new ParOneProviderFactory()
                .create(
                        new ConnectionSpec(
                                "p", "parone", URI.create(SIM.baseUrl()), enterprise, Map.of("plan", "enterprise")),
                        ProviderContext.defaults());
        assertThat(big.plan().requests()).isEqualTo(1000);
        try (ParOneSimulator tiny = new ParOneSimulator(0, 3)) {
            VideoProvider p = ParOneProviderContractTest.provider(tiny, ParOneProviderContractTest.full());
            for (int i = 0; i < 3; i++) {
                p.listVideos(ListQuery.first(1)).block();
            }
            ProviderException e =
                    providerFailure(() -> p.listVideos(ListQuery.first(1)).block());
            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(e.retryAfter()).isGreaterThan(Duration.ZERO).isLessThanOrEqualTo(Duration.ofSeconds(61));
        }
    }

    @Test
    void halfAKeyPairStopsStartUpNamingTheMissingHalf() {
        assertThatThrownBy(() -> with(Map.of("sync-code", "s", "api-key", "k")))
                .isInstanceOf(InvalidConnectionException.class)
                .hasMessageContaining("mediagate.connections.parone-test.credentials.api-secret");
    }

    private static List<String> ids(VideoProvider p) {
        return p.listVideos(ListQuery.first(100)).block().data().stream()
                .map(Video::id)
                .toList();
    }
}
