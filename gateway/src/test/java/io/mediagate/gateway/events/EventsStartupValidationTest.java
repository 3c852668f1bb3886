package io.mediagate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mediagate.gateway.MediagateApplication;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A bad {@code mediagate.events.*} value stops start-up, and the report names the key. */
@ExtendWith(OutputCaptureExtension.class)
class EventsStartupValidationTest {

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

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mediagate.events.poll.share=1.5 | mediagate.events.poll.share",
                "mediagate.events.poll.interval=1ms | mediagate.events.poll.interval",
                "mediagate.events.poll.max-pages=0 | mediagate.events.poll.max-pages",
                "mediagate.events.retention=0 | mediagate.events.retention",
                "mediagate.events.webhooks.retry-for=0s | mediagate.events.webhooks.retry-for",
                "mediagate.events.ingests.first-delay=-1s | mediagate.events.ingests.first-delay",
            })
    void aBadValueNamesItsKey(String setting, String key, CapturedOutput output) {
        assertThatThrownBy(() -> start(setting));
        assertThat(output.getOut() + output.getErr()).contains(key);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "whsec_notbase64!!!!!!!!!!!!!!!!",
                "not-a-whsec-secret",
                "whsec_c2hvcnQ=",
            })
    void aConfiguredSubscriptionWithABadSecretNamesTheKey(String secret, CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "mediagate.events.subscriptions[0].id=ops",
                "mediagate.events.subscriptions[0].url=https://hooks.example.com/x",
                "mediagate.events.subscriptions[0].secret=" + secret));
        assertThat(output.getOut() + output.getErr())
                .contains("mediagate.events.subscriptions[0].secret")
                .doesNotContain(secret.substring(6));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "no-such-connection | a-long-enough-hook-token-0123456789",
                "no-such-connection | short-hook-token",
            })
    void aBadVendorHookNamesItsKeyAndNotItsToken(String connection, String token, CapturedOutput output) {
        Throwable failure =
                catchThrowable(() -> start("mediagate.events.vendor-hooks.tokens." + connection + "=" + token));
        assertThat(failure).isNotNull();
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        // what an operator sees: the failure report or the exception that stopped start-up
        assertThat(output.getOut() + output.getErr() + trace)
                .contains("mediagate.events.vendor-hooks.tokens." + connection)
                .doesNotContain(token);
    }
}
