package io.mediagate.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Whoever registers a meter with camelCase tag keys (Spring Cloud Gateway does), Prometheus sees snake_case. */
class SnakeCaseTagsTest {
    @Test
    void camelCaseTagKeysBecomeSnakeCase() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new ObservabilityConfiguration().snakeCaseTagKeys());
        registry.counter("spring.cloud.gateway.requests", "routeId", "raw", "httpStatusCode", "200", "outcome", "ok");
        Meter.Id id = registry.getMeters().get(0).getId();
        assertThat(id.getTags())
                .extracting(t -> t.getKey())
                .containsExactlyInAnyOrder("route_id", "http_status_code", "outcome");
        assertThat(id.getTag("route_id")).isEqualTo("raw");
    }

    @Test
    void snakeCaseOfKeys() {
        assertThat(ObservabilityConfiguration.snakeCase("routeUri")).isEqualTo("route_uri");
        assertThat(ObservabilityConfiguration.snakeCase("connection")).isEqualTo("connection");
        assertThat(ObservabilityConfiguration.snakeCase("http2Stream")).isEqualTo("http2_stream");
    }

    /** The filter's quick test agrees with the expression {@code snakeCase} rewrites by. */
    @Test
    void camelCaseIsWhatTheRewriteFinds() {
        for (String key : List.of("routeUri", "connection", "URI", "http2Stream", "a", "", "x_Y", "aB", "9Z", "Ab")) {
            assertThat(ObservabilityConfiguration.camelCase(key))
                    .as(key)
                    .isEqualTo(Pattern.compile("([a-z0-9])([A-Z])").matcher(key).find());
        }
    }
}
