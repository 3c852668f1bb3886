package io.mediagate.gateway.observability;

import io.mediagate.sandbox.Sandbox;
import io.mediagate.sandbox.VendorSimulator;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the tracing tests share in demo mode: the Cincopa simulator, a video id, and waiting for spans. */
final class DemoTraces {
    static final String KEY = "Bearer demo-key";

    private DemoTraces() {}

    static VendorSimulator cincopa(Sandbox demo) {
        return demo.simulators().stream()
                .filter(s -> s.vendor().equals("cincopa"))
                .findFirst()
                .orElseThrow();
    }

    /** The id of the first video the Cincopa demo connection lists. */
    static String firstVideoId(WebTestClient web) {
        Map<String, Object> page = web.get()
                .uri("/v1/connections/cincopa-demo/videos?limit=1")
                .header("Authorization", KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> data = (List<Map<String, Object>>) page.get("data");
        return (String) data.get(0).get("id");
    }

    /** Spans end as the answer is written, so the test may be a step ahead: waits up to 5 s for {@code count}. */
    static void awaitSpans(List<SpanData> spans, String name, int count) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (spans.stream().filter(s -> s.getName().equals(name)).count() < count && System.nanoTime() < until) {
            pause();
        }
    }

    static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
