package io.mediagate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediagate.gateway.MediagateApplication;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A bad setting stops start-up, and the report an operator reads names the key. */
@ExtendWith(OutputCaptureExtension.class)
class StartupValidationTest {

    private static void start(String... properties) {
        String[] args = Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new);
        new SpringApplicationBuilder(MediagateApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "logging.level.root=off",
                        "logging.level.org.springframework.boot.diagnostics=error")
                .run(args)
                .close();
    }

    @Test
    void corsWithoutOriginsNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("mediagate.cors.enabled=true"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.cors.allowed-origins must name at least " + "one origin");
        assertThatThrownBy(() ->
                start("mediagate.cors.enabled=true", "mediagate.cors.allowed-origins=https://tools.example.com/path"));
        assertThat(output.getOut() + output.getErr()).contains("'https://tools.example.com/path' is not an origin");
    }

    @Test
    void aBadVendorPoolSizeNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("mediagate.vendor-http.max-connections=0"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.vendor-http.max-connections must be at least 1");
    }

    @Test
    void unknownVendorNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "mediagate.connections.x1.vendor=vimeo", "mediagate.connections.x1.base-url=https://api.example.com"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.connections.x1.vendor names no known " + "vendor 'vimeo'")
                .contains("Fix the setting mediagate.connections.x1.vendor");
    }

    @Test
    void missingCredentialNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "mediagate.connections.x2.vendor=fake", "mediagate.connections.x2.base-url=https://api.example.com"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.connections.x2.credentials.token is " + "required");
    }

    @Test
    void badGuessedOperationsSwitchNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "mediagate.connections.x4.vendor=fake",
                "mediagate.connections.x4.base-url=https://api.example.com",
                "mediagate.connections.x4.credentials.token=t",
                "mediagate.connections.x4.options.guessed-operations=maybe"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.connections.x4.options.guessed-operations must be 'on' or 'off'");
    }

    @Test
    void unknownCredentialNamesTheKeyAndTheKnownOnes(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "mediagate.connections.x5.vendor=cincopa",
                "mediagate.connections.x5.base-url=https://api.cincopa.com/v2",
                "mediagate.connections.x5.credentials.api_token=t0ken"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.connections.x5.credentials.api_token is "
                        + "not a credential of vendor cincopa (known: api-token)")
                .doesNotContain("t0ken");
    }

    @Test
    void unknownOptionNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "mediagate.connections.x6.vendor=streamone",
                "mediagate.connections.x6.base-url=https://api.streamonecloud.net",
                "mediagate.connections.x6.credentials.actor-id=a",
                "mediagate.connections.x6.credentials.psk=p",
                "mediagate.connections.x6.credentials.account=acc",
                "mediagate.connections.x6.options.update-acton=item/update"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.connections.x6.options.update-acton is "
                        + "not an option of vendor streamone (known: clock-skew, update-action, delete-action, tag-argument, "
                        + "guessed-operations)");
    }

    @Test
    void aJwkSetWithoutAnIssuerStopsStartUpNamingTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("mediagate.jwt.jwk-set-uri=http://127.0.0.1:1/jwks.json"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.jwt.issuer is required with mediagate.jwt.jwk-set-uri");
    }

    @Test
    void badKeyHashNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "mediagate.clients[0].id=svc",
                "mediagate.clients[0].key-sha256=not-hex",
                "mediagate.clients[0].scopes[0]=videos:read",
                "mediagate.clients[0].connections[0]=*"));
        assertThat(output.getOut() + output.getErr())
                .contains("Property: mediagate.clients[0].keySha256")
                .contains("must be 64 hex characters");
    }

    @Test
    void unknownScopeNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "mediagate.clients[0].id=svc",
                "mediagate.clients[0].key-sha256=" + "a".repeat(64),
                "mediagate.clients[0].scopes[0]=videos:everything",
                "mediagate.clients[0].connections[0]=*"));
        assertThat(output.getOut() + output.getErr()).contains("mediagate.clients[0].scopes[0]");
    }

    @Test
    void unknownPriorityClassNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "mediagate.clients[0].id=svc",
                "mediagate.clients[0].key-sha256=" + "a".repeat(64),
                "mediagate.clients[0].scopes[0]=videos:read",
                "mediagate.clients[0].connections[0]=*",
                "mediagate.clients[0].priority=urgent"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.clients[0].priority")
                .contains("must be interactive, batch or background");
    }

    @Test
    void aShareOverAHundredPercentNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "mediagate.clients[0].id=svc",
                "mediagate.clients[0].key-sha256=" + "a".repeat(64),
                "mediagate.clients[0].scopes[0]=videos:read",
                "mediagate.clients[0].connections[0]=*",
                "mediagate.clients[0].shares.fake-main=130"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.clients[0].shares[fake-main]")
                .contains("must be a percentage from 1 to 100");
    }

    @Test
    void aShareOfAnUnknownConnectionNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "mediagate.clients[0].id=svc",
                "mediagate.clients[0].key-sha256=" + "a".repeat(64),
                "mediagate.clients[0].scopes[0]=videos:read",
                "mediagate.clients[0].connections[0]=*",
                "mediagate.clients[0].shares.parone-mian=30"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.clients[0].shares.parone-mian names no configured connection")
                .contains("Fix the setting mediagate.clients[0].shares.parone-mian");
    }

    @Test
    void aFloorOverFiftyPercentNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("mediagate.fairness.batch-floor=80"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.fairness.batchFloor")
                .contains("must be a percentage from 0 to 50");
    }

    @Test
    void missingBaseUrlNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(
                () -> start("mediagate.connections.x3.vendor=fake", "mediagate.connections.x3.credentials.token=t"));
        assertThat(output.getOut() + output.getErr())
                .contains("Property: mediagate.connections[x3].baseUrl")
                .contains("must not be null");
    }

    @Test
    void nonHttpBaseUrlNamesTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "mediagate.connections.x4.vendor=fake",
                "mediagate.connections.x4.base-url=ftp://files.example.com",
                "mediagate.connections.x4.credentials.token=t"));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.connections.x4.base-url must be an " + "absolute http(s) URL");
    }
}
