package io.mediagate.adapters.cognitive3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.UploadTicket;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.GuardedVideoProvider;
import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.UnsupportedCapabilityException;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.cognitive3d.Cognitive3DSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Images are media but not videos; an uploaded file is served back with the content type it was uploaded with.
 * Uploads go through the gateway's passthrough (emulated here with {@code authorize} + a plain HTTP call), so
 * the ticket never holds the organisation key. The upload route is a guess, so the simulator runs in guessed mode.
 */
class Cognitive3DContentTypeTest {
    private static final Cognitive3DSimulator SIM = new Cognitive3DSimulator(0);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Stands for the gateway's {@code /v1/connections/c3d-up/raw}; the emulated passthrough maps it to the vendor. */
    private static final String GATEWAY_RAW = "https://gateway.example.com/v1/connections/c3d-up/raw";

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void reset() {
        SIM.mode(SimulatorMode.GUESSED).reset();
    }

    private static VideoProvider provider(Map<String, String> extraOptions) {
        Map<String, String> options = new HashMap<>(extraOptions);
        options.put("project-id", String.valueOf(Cognitive3DSimulator.DEMO_PROJECT));
        // behind the guard the gateway puts around every provider: it, not the adapter, refuses what is missing
        return GuardedVideoProvider.guard(
                new Cognitive3DProviderFactory()
                        .create(
                                new ConnectionSpec(
                                        "c3d-up",
                                        "cognitive3d",
                                        URI.create(SIM.baseUrl()),
                                        Map.of("api-key", Cognitive3DSimulator.DEMO_ORG_KEY),
                                        options),
                                ProviderContext.defaults()),
                true);
    }

    private static VideoProvider uploading() {
        return provider(Map.of("upload-passthrough-url", GATEWAY_RAW));
    }

    private static <T> T await(Mono<T> mono) {
        return mono.block(Duration.ofSeconds(10));
    }

    private static List<Map<String, Object>> images() {
        return SIM.mediaOf(Cognitive3DSimulator.DEMO_PROJECT).stream()
                .filter(m -> Boolean.TRUE.equals(m.get("staticMedia")))
                .toList();
    }

    @Test
    void imagesAreNotListedAsVideos() {
        List<Video> videos = await(provider(Map.of()).listVideos(new ListQuery(100, null, null, null, true)))
                .data();
        assertThat(videos).hasSize(7).allSatisfy(v -> {
            assertThat(v.raw()).containsEntry("staticMedia", false);
            assertThat((String) v.raw().get("contentType")).startsWith("video/");
        });
        assertThat(videos)
                .extracting(Video::id)
                .doesNotContainAnyElementsOf(
                        images().stream().map(m -> String.valueOf(m.get("id"))).toList());
    }

    @Test
    void anImageIdIsNotFoundForGetPatchAndDeleteAndStaysUntouched() {
        SIM.mode(SimulatorMode.DOCUMENTED);
        VideoProvider p = provider(Map.of("update-route", "put-media"));
        Map<String, Object> image = images().get(0);
        String id = String.valueOf(image.get("id"));
        for (Mono<?> call : List.of(
                p.getVideo(id), p.updateVideo(id, new VideoPatch("renamed", null, null, null)), p.deleteVideo(id))) {
            assertThat(catchThrowableOfType(ProviderException.class, () -> await(call))
                            .kind())
                    .isEqualTo(Kind.NOT_FOUND);
        }
        assertThat(images().get(0)).containsEntry("name", image.get("name")).containsEntry("archived", false);
    }

    @Test
    void uploadTicketPointsAtTheGatewayAndCarriesNoOrganisationKey() {
        UploadTicket ticket =
                await(uploading().createUpload(new UploadRequest("walkthrough.webm", "video/webm", 7L, "Walkthrough")));
        assertThat(ticket.method()).isEqualTo("POST");
        assertThat(ticket.uploadUrl())
                .startsWith(GATEWAY_RAW + "/projects/4242/media?")
                .contains("fileName=walkthrough.webm")
                .contains("name=Walkthrough");
        assertThat(ticket.headers()).containsExactly(Map.entry("Content-Type", "video/webm"));
        assertThat(ticket.toString())
                .doesNotContain(Cognitive3DSimulator.DEMO_ORG_KEY)
                .doesNotContain("orgkey-");
        assertThat(uploading().capabilities().supports(Capability.DIRECT_UPLOAD))
                .isTrue();
    }

    @Test
    void uploadedVideoIsListedAndItsFileServedBackWithTheSameContentType() throws Exception {
        VideoProvider p = uploading();
        byte[] webm = {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, 0x42, (byte) 0x86, (byte) 0x81, 0x01};
        UploadTicket ticket =
                await(p.createUpload(new UploadRequest("walkthrough.webm", "video/webm", 8L, "Walkthrough")));

        HttpResponse<byte[]> uploaded = throughPassthrough(
                p, ticket.method(), ticket.uploadUrl(), ticket.headers().get("Content-Type"), webm);
        assertThat(uploaded.statusCode()).isEqualTo(201);

        Video video = await(p.listVideos(ListQuery.first(1))).data().get(0);
        assertThat(video.title()).isEqualTo("Walkthrough");
        HttpResponse<byte[]> file = throughPassthrough(
                p, "GET", GATEWAY_RAW + "/projects/4242/media/" + video.id() + "/files/walkthrough.webm", null, null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("video/webm");
        assertThat(file.body()).isEqualTo(webm);
    }

    @Test
    void anUploadedImageIsServedBackAsAnImageButNeverListedAsAVideo() throws Exception {
        VideoProvider p = uploading();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
        int before = await(p.listVideos(ListQuery.first(100))).data().size();
        HttpResponse<byte[]> uploaded = throughPassthrough(
                p, "POST", GATEWAY_RAW + "/projects/4242/media?fileName=floor.png&name=Floor", "image/png", png);
        assertThat(uploaded.statusCode()).isEqualTo(201);
        String id = new String(uploaded.body()).replaceAll("(?s).*\"id\":(\\d+).*", "$1");

        HttpResponse<byte[]> file = throughPassthrough(
                p, "GET", GATEWAY_RAW + "/projects/4242/media/" + id + "/files/floor.png", null, null);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(await(p.listVideos(ListQuery.first(100))).data())
                .hasSize(before)
                .extracting(Video::id)
                .doesNotContain(id);
    }

    @Test
    void uploadTicketRefusesImagesAndMissingTypes() {
        VideoProvider p = uploading();
        for (UploadRequest request : List.of(
                new UploadRequest("floor.png", "image/png", 1L, null),
                new UploadRequest("notes.bin", null, 1L, null))) {
            assertThat(catchThrowableOfType(ProviderException.class, () -> await(p.createUpload(request)))
                            .kind())
                    .isEqualTo(Kind.INVALID_REQUEST);
        }
    }

    @Test
    void withoutAPassthroughUrlDirectUploadIsUnsupported() {
        VideoProvider p = provider(Map.of());
        assertThat(p.capabilities().supports(Capability.DIRECT_UPLOAD)).isFalse();
        assertThatThrownBy(() -> await(p.createUpload(new UploadRequest("a.mp4", "video/mp4", 1L, null))))
                .isInstanceOfSatisfying(
                        UnsupportedCapabilityException.class,
                        e -> assertThat(e.capability()).isEqualTo(Capability.DIRECT_UPLOAD));
    }

    /** What the gateway's passthrough does: strip its own prefix, let the adapter authorize, send to the vendor. */
    private static HttpResponse<byte[]> throughPassthrough(
            VideoProvider p, String method, String gatewayUrl, String contentType, byte[] body) throws Exception {
        URI uri = URI.create(gatewayUrl);
        String path =
                uri.getRawPath().substring(URI.create(GATEWAY_RAW).getRawPath().length());
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Authorization", List.of("Bearer client-key-of-the-gateway"));
        if (contentType != null) {
            headers.put("Content-Type", List.of(contentType));
        }
        OutboundRequest signed =
                await(p.authorize(new OutboundRequest(method, path, uri.getRawQuery(), headers, null)));
        assertThat(signed.header("Authorization")).isEqualTo(Cognitive3DSimulator.DEMO_ORG_KEY);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        SIM.baseUrl() + signed.path() + (signed.rawQuery().isEmpty() ? "" : "?" + signed.rawQuery())))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> values.forEach(v -> request.header(name, v)));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
