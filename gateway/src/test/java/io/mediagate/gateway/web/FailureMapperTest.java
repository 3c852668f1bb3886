package io.mediagate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.ClientRateLimitedException;
import io.mediagate.contracts.spi.DeadlineExceededException;
import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.UnsupportedCapabilityException;
import io.mediagate.gateway.policy.quota.ClientShareExhaustedException;
import io.mediagate.gateway.policy.quota.QuotaExceededException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Any failure to the problem README's error table documents: status, type, retryable, Retry-After, members. */
class FailureMapperTest {

    private static Problem problem(Throwable e) {
        return FailureMapper.toProblem(e);
    }

    private static String type(Problem p) {
        return (String) p.body().get("type");
    }

    @Test
    void vendorKindsRenderAsVendorProblemsWithTheVendorsRetryAfter() {
        Problem limited = problem(ProviderException.rateLimited(Duration.ofMillis(2100), 429));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(type(limited)).isEqualTo(Problem.TYPE_BASE + "vendor-rate-limited");
        assertThat(limited.body()).containsEntry("retryable", true).containsEntry("title", "Rate limited");
        assertThat(limited.headers()).containsEntry("Retry-After", "3");

        Problem refused = problem(new ProviderException(Kind.UNAUTHORIZED, "the vendor refused the token"));
        assertThat(refused.status()).isEqualTo(502);
        assertThat(type(refused)).endsWith("/vendor-unauthorized");
        assertThat(refused.body())
                .containsEntry("retryable", false)
                .containsEntry("detail", "the vendor refused the token");
        assertThat(refused.headers()).doesNotContainKey("Retry-After");

        Problem guess = problem(new GuessRefutedException("DELETE /content/{contentKey}", "delete-route", 405));
        assertThat(guess.status()).isEqualTo(502);
        assertThat(type(guess)).endsWith("/vendor-guess-refuted");
        assertThat(guess.body())
                .containsEntry("guessed_call", "DELETE /content/{contentKey}")
                .containsEntry("option", "delete-route")
                .containsEntry("retryable", false);
    }

    @Test
    void quotaAndShareRefusalsAre429WithRetryAfterAndTheConnection() {
        Problem quota = problem(new QuotaExceededException("c1", Duration.ofMillis(1200)));
        assertThat(quota.status()).isEqualTo(429);
        assertThat(type(quota)).endsWith("/quota-exhausted");
        assertThat(quota.body())
                .containsEntry("connection", "c1")
                .containsEntry("retryable", true)
                .containsEntry("title", "Vendor quota exhausted");
        assertThat(quota.headers()).containsEntry("Retry-After", "2");

        Problem share = problem(new ClientShareExhaustedException("c1", "reporting", 30, Duration.ofSeconds(7)));
        assertThat(share.status()).isEqualTo(429);
        assertThat(type(share)).endsWith("/client-share-exhausted");
        assertThat(share.body())
                .containsEntry("connection", "c1")
                .containsEntry("share_percent", 30)
                .containsEntry("retryable", true);
        assertThat(share.headers()).containsEntry("Retry-After", "7");
    }

    @Test
    void resilience4jRefusalsJoinTheTaxonomy() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("c1");
        Problem open = problem(CallNotPermittedException.createCallNotPermittedException(breaker));
        assertThat(open.status()).isEqualTo(503);
        assertThat(type(open)).endsWith("/circuit-open");
        assertThat(open.body()).containsEntry("retryable", true);
        assertThat(open.headers()).containsEntry("Retry-After", "5");

        Problem busy = problem(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("c1")));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(type(busy)).endsWith("/connection-busy");
        assertThat(busy.headers()).containsEntry("Retry-After", "1");

        assertThat(FailureMapper.neverReachedTheVendor(
                        CallNotPermittedException.createCallNotPermittedException(breaker)))
                .isTrue();
        assertThat(FailureMapper.vendorIsSick(CallNotPermittedException.createCallNotPermittedException(breaker)))
                .isFalse();
    }

    @Test
    void aTimeoutIsTheDeadlineAndTheVendorsFault() {
        for (Throwable late : new Throwable[] {
            new TimeoutException("Did not observe any item"), new DeadlineExceededException(Duration.ofSeconds(5))
        }) {
            Problem p = problem(late);
            assertThat(p.status()).isEqualTo(503);
            assertThat(type(p)).endsWith("/vendor-unavailable");
            assertThat(p.body()).containsEntry("retryable", true);
            assertThat(p.body().get("detail").toString()).contains("deadline").doesNotContain("observe");
            assertThat(FailureMapper.vendorIsSick(late)).isTrue();
            assertThat(FailureMapper.neverReachedTheVendor(late)).isFalse();
        }
    }

    @Test
    void clientLimitAndMissingCapabilityAreTheGatewaysOwnAnswers() {
        Problem limited = problem(new ClientRateLimitedException(3, Duration.ofMinutes(1), Duration.ofSeconds(20)));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(type(limited)).endsWith("/client-rate-limited");
        assertThat(limited.body()).containsEntry("retryable", true).containsEntry("title", "Too many requests");
        assertThat(limited.headers()).containsEntry("Retry-After", "20");

        Problem unsupported = problem(new UnsupportedCapabilityException(Capability.TAGS));
        assertThat(unsupported.status()).isEqualTo(501);
        assertThat(type(unsupported)).endsWith("/unsupported-capability");
        assertThat(unsupported.body()).containsEntry("capability", "tags").containsEntry("retryable", false);
        assertThat(unsupported.headers()).isEmpty();
    }

    @Test
    void sicknessIsAVendorTraitNeverAClientMistake() {
        assertThat(FailureMapper.vendorIsSick(ProviderException.unavailable("down", 503, null)))
                .isTrue();
        assertThat(FailureMapper.vendorIsSick(ProviderException.upstream("garbage", null)))
                .isTrue();
        assertThat(FailureMapper.vendorIsSick(ProviderException.notFound("video v1")))
                .isFalse();
        assertThat(FailureMapper.vendorIsSick(ProviderException.rateLimited(null, 429)))
                .isFalse();
        assertThat(FailureMapper.vendorIsSick(new QuotaExceededException("c1", Duration.ofSeconds(1))))
                .isFalse();
        assertThat(FailureMapper.vendorIsSick(new IllegalStateException("bug"))).isFalse();
        assertThat(FailureMapper.neverReachedTheVendor(new QuotaExceededException("c1", Duration.ofSeconds(1))))
                .isTrue();
        assertThat(FailureMapper.neverReachedTheVendor(ProviderException.unavailable("down", 503, null)))
                .isFalse();
    }

    @Test
    void foreignFailuresAreA500ThatNamesNothing() {
        Problem bug = problem(new IllegalStateException("secret-token=abc at https://v.example/x?api_token=abc"));
        assertThat(bug.status()).isEqualTo(500);
        assertThat(type(bug)).endsWith("/internal-error");
        assertThat(bug.body().toString()).doesNotContain("abc");
        assertThat(FailureMapper.classify(new IllegalStateException())).isNull();
        assertThat(FailureMapper.problemType(new IllegalStateException())).isEqualTo("error");
    }

    @Test
    void apiExceptionsKeepTheirOwnShape() {
        Problem p = problem(ApiException.unauthorized("send a key"));
        assertThat(p.status()).isEqualTo(HttpStatus.UNAUTHORIZED.value());
        assertThat(type(p)).endsWith("/unauthorized");
        assertThat(p.headers()).containsKey("WWW-Authenticate");
    }
}
