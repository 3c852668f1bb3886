package io.mediagate.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import tools.jackson.databind.json.JsonMapper;

/** Small builders for simulator answers. */
public final class WireResponses {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private WireResponses() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** A JSON answer with the given status; the body is serialized with Jackson. */
    public static ResponseDefinition json(int status, Object body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(MAPPER.writeValueAsString(body))
                .build();
    }

    public static ResponseDefinition text(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody(body)
                .build();
    }
}
