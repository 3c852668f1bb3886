package io.mediagate.adapters.cincopa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mediagate.adapters.cincopa.internal.CincopaMapper;
import io.mediagate.contracts.Ingest;
import io.mediagate.contracts.IngestStatus;
import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.UploadTicket;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.sandbox.SimulatorMode;
import io.mediagate.sandbox.cincopa.CincopaSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * EVIDENCE.md findings 13, 14 and 16 (Cincopa) against the simulator in documented mode: the adapter asks for the
 * fields it maps, its upload tickets follow Cincopa's own uploader, and failures map by the call, not by
 * guessed message texts.
 */
class CincopaFidelityTest {
    private static final CincopaSimulator SIM = new CincopaSimulator(0);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern NEW_RESOURCE = Pattern.compile("new resource id (\\d+) (\\S+)");

    private final VideoProvider provider = new CincopaProviderFactory()
            .create(
                    new ConnectionSpec(
                            "cincopa-fid",
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
        SIM.mode(SimulatorMode.DOCUMENTED).reset();
    }

    private static <T> T await(Mono<T> mono) {
        return mono.block(Duration.ofSeconds(10));
    }

    private static LoggedRequest last() {
        List<LoggedRequest> all = SIM.requests();
        return all.get(all.size() - 1);
    }

    @Test
    void listedAndFetchedVideosCarryTheirTagsBecauseDetailsAsksForThem() {
        List<Video> videos = await(provider.listVideos(ListQuery.first(50))).data();
        assertThat(videos)
                .filteredOn(v -> v.title().equals("Product tour 2026"))
                .singleElement()
                .satisfies(v -> assertThat(v.tags()).containsExactly("product", "tour"));
        assertThat(last().queryParameter("details").firstValue())
                .contains("tags")
                .contains("caption")
                .contains("description")
                .contains("exif_tags");
        Video tour = videos.stream()
                .filter(v -> v.title().equals("Product tour 2026"))
                .findFirst()
                .orElseThrow();
        assertThat(await(provider.getVideo(tour.id())).tags()).containsExactly("product", "tour");
        assertThat(last().queryParameter("details").firstValue()).contains("tags");
        assertThat(tour.durationSeconds()).isEqualTo(151.4);
    }

    @Test
    void anHlsUrlAppearsOnlyWhereTheVendorShowsAnHlsRendition() {
        assertThat(await(provider.listVideos(ListQuery.first(50))).data())
                .allSatisfy(v -> assertThat(v.playback().hlsUrl()).isNull());
        SIM.mode(SimulatorMode.GUESSED);
        assertThat(await(provider.listVideos(ListQuery.first(50))).data())
                .allSatisfy(v -> assertThat(v.playback().hlsUrl()).endsWith("/master.m3u8"));
    }

    @Test
    void uploadTicketCarriesTheHeadersCincopasUploaderSends() {
        UploadTicket ticket =
                await(provider.createUpload(new UploadRequest("launch.mp4", "video/mp4", 1024L, "Launch")));
        assertThat(ticket.method()).isEqualTo("POST");
        assertThat(ticket.headers())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("X-FILE-NAME", "launch.mp4", "Content-Range", "bytes 0-1023/1024"));
        assertThat(ticket.formFields()).isEmpty();
        assertThat(await(provider.createUpload(new UploadRequest("no-size.mp4", null, null, null)))
                        .headers())
                .containsExactly(Map.entry("X-FILE-NAME", "no-size.mp4"));
        assertThat(await(provider.createUpload(new UploadRequest("Ünïcode\r\nX-Evil: 1.mp4", null, 3L, null)))
                        .headers()
                        .get("X-FILE-NAME"))
                .isEqualTo("%C3%9Cn%C3%AFcode%0D%0AX-Evil%3A%201.mp4");
    }

    @Test
    void followingAnUploadTicketEndToEndCreatesTheVideo() throws Exception {
        byte[] file = "\0\0\0\u0018ftypmp42 a tiny launch video".getBytes(StandardCharsets.ISO_8859_1);
        UploadTicket ticket = await(
                provider.createUpload(new UploadRequest("launch-día.mp4", "video/mp4", (long) file.length, null)));

        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(ticket.uploadUrl()))
                .method(ticket.method(), HttpRequest.BodyPublishers.ofByteArray(file));
        ticket.headers().forEach(post::header);
        HttpResponse<String> answer = HTTP.send(post.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        Matcher m = NEW_RESOURCE.matcher(answer.body());
        assertThat(m.find()).as("answer %s", answer.body()).isTrue();
        Video uploaded = await(provider.getVideo(m.group(2)));
        assertThat(uploaded.title()).isEqualTo("launch-día.mp4");
        assertThat(await(provider.listVideos(ListQuery.first(1))).data())
                .extracting(Video::id)
                .containsExactly(m.group(2));
    }

    @Test
    void anIngestTheVendorCallsReadyIsReady() {
        Ingest ready = CincopaMapper.toIngest(
                "st-1",
                VendorJson.mapper().readTree("{\"success\":true,\"status\":\"ready\",\"resid\":\"AbC123\"}"),
                "c");
        assertThat(ready.status()).isEqualTo(IngestStatus.READY);
        assertThat(ready.videoId()).isEqualTo("AbC123");
    }

    @Test
    void anUnknownIngestIsNotFoundWhateverTheVendorsText() {
        ProviderException e =
                catchThrowableOfType(ProviderException.class, () -> await(provider.ingestStatus("st-does-not-exist")));
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(last().getUrl()).startsWith("/v2/asset.upload_from_url_get_status.json?");
    }
}
