package io.mediagate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.ObservationFilter;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

/** A vendor hook's token never reaches a span attribute; other requests' attributes are left as they are. */
class HookTokensStayOutOfTracesTest {
    private final ObservationFilter filter = new EventsConfiguration().hookTokensStayOutOfTraces();

    private static ServerRequestObservationContext observed(String path) {
        var context = new ServerRequestObservationContext(
                MockServerHttpRequest.post(path).build(), new MockServerHttpResponse(), new HashMap<>());
        context.addHighCardinalityKeyValue(KeyValue.of("http.url", path));
        return context;
    }

    @Test
    void aHookPathBecomesItsRoutePattern() {
        var context = filter.map(observed("/hooks/cincopa-main/the-secret-token-of-this-hook"));
        assertThat(context.getHighCardinalityKeyValue("http.url").getValue())
                .isEqualTo("/hooks/{connection}/{token}")
                .doesNotContain("the-secret-token-of-this-hook");
    }

    @Test
    void otherPathsAreKept() {
        var context = filter.map(observed("/v1/connections/c1/videos/v1"));
        assertThat(context.getHighCardinalityKeyValue("http.url").getValue()).isEqualTo("/v1/connections/c1/videos/v1");
    }
}
