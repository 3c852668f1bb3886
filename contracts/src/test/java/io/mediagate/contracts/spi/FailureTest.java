package io.mediagate.contracts.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.spi.ProviderException.Kind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The taxonomy's traits, member by member: the table README's error section documents. */
class FailureTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "NOT_FOUND,       404, vendor-not-found,       false, false",
        "UNAUTHORIZED,    502, vendor-unauthorized,    false, false",
        "FORBIDDEN,       403, vendor-forbidden,       false, false",
        "INVALID_REQUEST, 400, vendor-invalid-request, false, false",
        "CONFLICT,        409, vendor-conflict,        false, false",
        "RATE_LIMITED,    429, vendor-rate-limited,    true,  false",
        "UNAVAILABLE,     503, vendor-unavailable,     true,  true",
        "UPSTREAM_ERROR,  502, vendor-upstream-error,  false, true"
    })
    void eachKindHasItsStatusTypeAndRetryability(Kind kind, int status, String type, boolean retryable, boolean sick) {
        Failure f = new ProviderException(kind, "x");
        assertThat(f.httpStatus()).isEqualTo(status);
        assertThat(f.problemType()).isEqualTo(type);
        assertThat(f.retryable()).isEqualTo(retryable);
        assertThat(f.vendorIsSick()).isEqualTo(sick);
        assertThat(f.code()).isEqualTo("vendor_" + kind.slug());
        assertThat(f.title()).isNotBlank();
    }

    @Test
    void theTaxonomyIsClosed() {
        assertThat(Failure.class.getPermittedSubclasses())
                .containsExactlyInAnyOrder(ProviderException.class, GatewayRefusal.class);
        assertThat(GatewayRefusal.class.getPermittedSubclasses())
                .containsExactlyInAnyOrder(
                        QuotaExhaustedException.class,
                        CircuitOpenException.class,
                        ConnectionBusyException.class,
                        ClientRateLimitedException.class,
                        UnsupportedCapabilityException.class);
    }

    @Test
    void gatewayRefusalsSayWhenToComeBackAndNeverBlameTheVendor() {
        QuotaExhaustedException quota = new QuotaExhaustedException("c1", Duration.ofMillis(1500), "spent");
        assertThat(quota.httpStatus()).isEqualTo(429);
        assertThat(quota.problemType()).isEqualTo("quota-exhausted");
        assertThat(quota.retryAfter()).isEqualTo(Duration.ofMillis(1500));
        assertThat(quota.problemMembers()).isEqualTo(Map.of("connection", "c1"));
        assertThat(quota.code()).isEqualTo("quota_exhausted");

        CircuitOpenException open = new CircuitOpenException(null);
        assertThat(open.httpStatus()).isEqualTo(503);
        assertThat(open.problemType()).isEqualTo("circuit-open");
        assertThat(open.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(open.code()).isEqualTo("circuit_open");

        ConnectionBusyException busy = new ConnectionBusyException(null);
        assertThat(busy.httpStatus()).isEqualTo(503);
        assertThat(busy.problemType()).isEqualTo("connection-busy");
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(busy.code()).isEqualTo("bulkhead_full");

        ClientRateLimitedException limited =
                new ClientRateLimitedException(3, Duration.ofMinutes(1), Duration.ofSeconds(20));
        assertThat(limited.httpStatus()).isEqualTo(429);
        assertThat(limited.problemType()).isEqualTo("client-rate-limited");
        assertThat(limited.getMessage()).isEqualTo("this key exceeded its limit of 3 requests per 60 s");

        UnsupportedCapabilityException unsupported = new UnsupportedCapabilityException(Capability.TAGS);
        assertThat(unsupported.httpStatus()).isEqualTo(501);
        assertThat(unsupported.retryable()).isFalse();
        assertThat(unsupported.retryAfter()).isNull();
        assertThat(unsupported.problemMembers()).isEqualTo(Map.of("capability", "tags"));

        for (GatewayRefusal refusal : new GatewayRefusal[] {quota, open, busy, limited, unsupported}) {
            assertThat(refusal.vendorIsSick()).as(refusal.problemType()).isFalse();
        }
        for (GatewayRefusal refusal : new GatewayRefusal[] {quota, open, busy, limited}) {
            assertThat(refusal.retryable()).as(refusal.problemType()).isTrue();
        }
    }

    @Test
    void aDeadlineIsAnUnavailableVendorWithItsOwnCode() {
        DeadlineExceededException late = new DeadlineExceededException(Duration.ofMillis(800));
        assertThat(late.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(late.problemType()).isEqualTo("vendor-unavailable");
        assertThat(late.retryable()).isTrue();
        assertThat(late.vendorIsSick()).isTrue();
        assertThat(late.code()).isEqualTo("deadline_exceeded");
        assertThat(late.getMessage()).contains("800 ms");
    }

    @Test
    void aRefutedGuessNamesTheCallAndItsOption() {
        GuessRefutedException refuted = new GuessRefutedException("PUT /content/{contentKey}", "update-route", 404);
        assertThat(refuted.httpStatus()).isEqualTo(502);
        assertThat(refuted.problemType()).isEqualTo("vendor-guess-refuted");
        assertThat(refuted.problemMembers())
                .containsEntry("guessed_call", "PUT /content/{contentKey}")
                .containsEntry("option", "update-route");
        assertThat(new GuessRefutedException("GET /x", null, 404).problemMembers())
                .doesNotContainKey("option");
    }
}
