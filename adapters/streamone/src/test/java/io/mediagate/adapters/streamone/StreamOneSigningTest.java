package io.mediagate.adapters.streamone;

import static io.mediagate.contracts.kit.Failures.providerFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.streamone.StreamOneSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** Signed requests as StreamOne checks them: user and application actors, skew, tampering, passthrough. */
class StreamOneSigningTest {
    static final StreamOneSimulator SIM = new StreamOneSimulator(0);

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Test
    void userAuthenticationWorksToo() {
        VideoProvider user = StreamOneProviderContractTest.provider(
                SIM,
                Map.of(
                        "authentication-type",
                        "user",
                        "actor-id",
                        StreamOneSimulator.USER,
                        "psk",
                        StreamOneSimulator.USER_PSK,
                        "account",
                        StreamOneSimulator.ACCOUNT),
                ProviderContext.defaults());
        assertThat(user.listVideos(ListQuery.first(3)).block().data()).hasSize(3);
        assertThat(SIM.requests()
                        .get(SIM.requests().size() - 1)
                        .queryParameter("user")
                        .firstValue())
                .isEqualTo(StreamOneSimulator.USER);
    }

    @Test
    void staleTimestampIsRefusedAndClockSkewFixesIt() {
        Clock slow = Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), ZoneOffset.UTC);
        ProviderContext context = new ProviderContext(WebClient.builder(), slow);
        VideoProvider stale =
                StreamOneProviderContractTest.provider(SIM, StreamOneProviderContractTest.application(), context);
        ProviderException e =
                providerFailure(() -> stale.listVideos(ListQuery.first(2)).block());
        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(e.vendorStatus()).isEqualTo(2);
        VideoProvider corrected = new StreamOneProviderFactory()
                .create(
                        new ConnectionSpec(
                                "s",
                                "streamone",
                                URI.create(SIM.baseUrl()),
                                StreamOneProviderContractTest.application(),
                                Map.of("clock-skew", "1200")),
                        context);
        assertThat(corrected.listVideos(ListQuery.first(2)).block().data()).hasSize(2);
    }

    @Test
    void passthroughRequestsAreSignedBodyIncludedAndTamperingIsCaught() throws Exception {
        VideoProvider p = StreamOneProviderContractTest.provider(
                SIM, StreamOneProviderContractTest.application(), ProviderContext.defaults());
        byte[] body = "limit=2&searchtitle=news".getBytes();
        OutboundRequest signed = p.authorize(new OutboundRequest(
                        "POST",
                        "/api/item/view",
                        "timezone=UTC&signature=x",
                        Map.of("Accept", List.of("application/json")),
                        body))
                .block();
        assertThat(signed.rawQuery())
                .contains("timezone=UTC")
                .contains("signature=")
                .doesNotContain("signature=x&");
        HttpClient http = HttpClient.newHttpClient();
        String url = SIM.baseUrl() + signed.path() + "?" + signed.rawQuery();
        HttpResponse<String> ok = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.body()).contains("\"status\":0").contains("Morning news");
        HttpResponse<String> tampered = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("limit=50&searchtitle=news"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.body()).contains("\"status\":3");
    }

    @Test
    void uploadTicketCarriesTheTokenAsAFormField() {
        VideoProvider p = StreamOneProviderContractTest.provider(
                SIM, StreamOneProviderContractTest.application(), ProviderContext.defaults());
        var ticket = p.createUpload(new UploadRequest("a.mp4", "video/mp4", 10L, null))
                .block();
        assertThat(ticket.method()).isEqualTo("POST");
        assertThat(ticket.formFields()).containsKey("uploadtoken");
        assertThat(ticket.videoId()).isNotBlank();
    }

    @Test
    void accountOrCustomerIsRequiredNamingTheKey() {
        assertThatThrownBy(() -> new StreamOneProviderFactory()
                        .create(
                                new ConnectionSpec(
                                        "s1",
                                        "streamone",
                                        URI.create(SIM.baseUrl()),
                                        Map.of("actor-id", "a", "psk", "p"),
                                        Map.of()),
                                ProviderContext.defaults()))
                .isInstanceOf(InvalidConnectionException.class)
                .hasMessageContaining("mediagate.connections.s1.credentials.account");
    }

    @Test
    void unknownAccountIsForbidden() {
        VideoProvider p = StreamOneProviderContractTest.provider(
                SIM,
                Map.of(
                        "actor-id",
                        StreamOneSimulator.APPLICATION,
                        "psk",
                        StreamOneSimulator.APPLICATION_PSK,
                        "account",
                        "NoSuchAcct00"),
                ProviderContext.defaults());
        assertThat(providerFailure(() -> p.listVideos(ListQuery.first(2)).block())
                        .kind())
                .isEqualTo(Kind.FORBIDDEN);
    }
}
