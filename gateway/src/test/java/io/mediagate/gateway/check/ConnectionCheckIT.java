package io.mediagate.gateway.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.gateway.GatewayTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code POST /v1/connections/{c}/check} and {@code --check} over the fake vendor. */
class ConnectionCheckIT extends GatewayTestSupport {
    private static final String ADMIN = "Bearer admin-key";

    @Autowired
    ConnectionCheckCommand command;

    @Test
    void checkNeedsTheAdminScope() {
        web.post()
                .uri("/v1/connections/fake-main/check")
                .header("Authorization", FULL)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type")
                .value(t -> assertThat((String) t).endsWith("missing-scope"))
                .jsonPath("$.scope")
                .isEqualTo("admin");
        assertThat(vendor.calls()).isZero();
    }

    @Test
    void checkOfAWorkingConnectionConfirmsEachStandardProbe() {
        web.post()
                .uri("/v1/connections/fake-main/check")
                .header("Authorization", ADMIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.connection")
                .isEqualTo("fake-main")
                .jsonPath("$.passed")
                .isEqualTo(true)
                .jsonPath("$.vendor_calls_at_most")
                .isEqualTo(5)
                .jsonPath("$.probes[*].name")
                .isEqualTo(List.of("credentials", "list.first-page", "list.next-page", "get.fields", "tag-filter"))
                .jsonPath("$.probes[?(@.verdict != 'confirmed')]")
                .isEmpty()
                .jsonPath("$.probes[3].fields.title")
                .isEqualTo("present")
                .jsonPath("$.probes[3].fields['playback.hls_url']")
                .isEqualTo("absent")
                .returnResult();
        assertThat(vendor.calls()).as("one vendor call per probe, as stated").isEqualTo(5);
    }

    @Test
    void dryRunStatesTheCostWithoutCallingTheVendor() {
        web.post()
                .uri("/v1/connections/fake-main/check?dry_run=true")
                .header("Authorization", ADMIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.vendor_calls_at_most")
                .isEqualTo(5)
                .jsonPath("$.probes.length()")
                .isEqualTo(5);
        assertThat(vendor.calls()).isZero();
    }

    @Test
    void refusedCredentialsFailTheCheckWithoutLeakingThem() {
        vendor.failNext(() -> new ProviderException(ProviderException.Kind.UNAUTHORIZED, "refused"));
        byte[] body = web.post()
                .uri("/v1/connections/fake-main/check")
                .header("Authorization", ADMIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.passed")
                .isEqualTo(false)
                .jsonPath("$.probes[0].verdict")
                .isEqualTo("refuted")
                .jsonPath("$.probes[0].detail")
                .value(d -> assertThat((String) d).contains("unauthorized"))
                .returnResult()
                .getResponseBodyContent();
        assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain(vendor.token());
    }

    @Test
    void aCheckTheQuotaCannotAffordIsRefusedWith429() {
        // fake-quota: 10 calls/s, burst 1, max-wait 300 ms: the fifth of five tokens is 400 ms away
        web.post()
                .uri("/v1/connections/fake-quota/check")
                .header("Authorization", ADMIN)
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .contentType("application/problem+json")
                .expectHeader()
                .exists("Retry-After");
        assertThat(quotaVendor.calls()).isZero();
    }

    @Test
    void badFlagIsAProblemNamingIt() {
        web.post()
                .uri("/v1/connections/fake-main/check?writes=yes")
                .header("Authorization", ADMIN)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("writes");
    }

    @Test
    void commandLineModePrintsATableAndSetsTheExitCode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.output(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(command.check("fake-main", false)).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table)
                .contains("at most 5 vendor calls")
                .contains("credentials")
                .contains("confirmed")
                .contains("result: PASSED")
                .doesNotContain(vendor.token());
        vendor.failNext(() -> new ProviderException(ProviderException.Kind.UNAUTHORIZED, "refused"));
        assertThat(command.check("fake-main", false)).isEqualTo(1);
        assertThat(command.check("no-such-connection", false)).isEqualTo(2);
    }
}
