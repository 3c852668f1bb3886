package io.mediagate.contracts.spi.http;

import io.mediagate.contracts.spi.ProviderException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses vendor JSON; anything unreadable is {@code UPSTREAM_ERROR} with no vendor text in the message. */
public final class VendorJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private VendorJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static JsonNode parse(VendorResponse response) {
        try {
            JsonNode node = MAPPER.readTree(response.body());
            if (node == null || node.isMissingNode()) {
                throw ProviderException.upstream("the vendor answered an empty body", null);
            }
            return node;
        } catch (JacksonException e) {
            // the body may echo credentials back; keep it out of the message
            throw ProviderException.upstream(
                    "the vendor answered malformed JSON (HTTP " + response.status() + ")", null);
        }
    }

    /** A text field or null when absent, null or not textual. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
