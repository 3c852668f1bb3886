package io.mediagate.adapters.cognitive3d.internal;

import io.mediagate.contracts.spi.http.VendorJson;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.util.Optional;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonParser.NumberType;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds one live video in a media-list answer by walking its tokens: only the item found becomes a tree, and
 * every answer ends exactly as {@link Cognitive3DMapper#liveVideo} on the whole parsed array ends.
 */
final class Cognitive3DLibraryScan {
    private static final JsonMapper MAPPER = VendorJson.mapper();
    // a skipped string is never held to the length limit a tree read enforces; no string is longer than the body,
    // so within the limit the walk fails wherever the tree read fails
    private static final int MAX_WALKED_BODY =
            MAPPER.tokenStreamFactory().streamReadConstraints().getMaxStringLength();
    // a tree read that refuses duplicate keys would refuse them in items the walk skips
    private static final boolean WALKABLE = !MAPPER.isEnabled(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final boolean TRAILING_FAILS = MAPPER.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Cognitive3DLibraryScan() {}

    /**
     * The live video with this id in a 2xx media-list answer. What the walk cannot decide (not an array, a body
     * that is not UTF-8, malformed JSON, a liveness rule that throws) goes to the tree path, so it fails as it did.
     */
    static Optional<JsonNode> liveVideo(VendorResponse response, long mediaId) {
        if (WALKABLE && response.body().length <= MAX_WALKED_BODY) {
            try {
                return walk(response.body(), mediaId);
            } catch (RuntimeException undecided) {
                // rare, and the tree path words each of these failures as callers already know them
            }
        }
        return Cognitive3DMapper.liveVideo(VendorJson.parse(response), mediaId);
    }

    /** The walk alone: the answer for a readable media array, else an exception (of any kind). */
    static Optional<JsonNode> walk(byte[] body, long mediaId) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            // a UTF-16 or UTF-32 body is read through a Reader, which knows no byte offsets to cut an item at
            if (parser.nextToken() != JsonToken.START_ARRAY
                    || parser.currentTokenLocation().getByteOffset() < 0) {
                throw new Undecided("not a UTF-8 media array");
            }
            JsonNode found = null;
            for (JsonToken token = next(parser); token != JsonToken.END_ARRAY; token = next(parser)) {
                if (found == null && token == JsonToken.START_OBJECT) {
                    found = liveVideoAt(parser, body, mediaId);
                } else {
                    parser.skipChildren();
                }
            }
            // the tree read parses the whole body, so a match early on does not excuse a broken or trailing tail
            if (TRAILING_FAILS && parser.nextToken() != null) {
                throw new Undecided("a token after the array");
            }
            return Optional.ofNullable(found);
        }
    }

    private static JsonToken next(JsonParser parser) {
        JsonToken token = parser.nextToken();
        if (token == null) {
            // the parser reports an array cut short itself; this only keeps the loop from spinning if it did not
            throw new Undecided("the body ends inside the array");
        }
        return token;
    }

    /** The item at the parser's START_OBJECT when it is the live video sought, else null; ends on its END_OBJECT. */
    private static JsonNode liveVideoAt(JsonParser parser, byte[] body, long mediaId) {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        Fields fields = new Fields();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            fields.read(name, parser.nextToken(), parser, mediaId);
            parser.skipChildren();
        }
        if (!fields.mayDecide()) {
            return null;
        }
        int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
        JsonNode media = MAPPER.readTree(body, start, end - start);
        return Cognitive3DMapper.isLiveVideo(media, mediaId) ? media : null;
    }

    /**
     * The top-level fields {@link Cognitive3DMapper#isLiveVideo(JsonNode, long)} reads, as far as telling an item
     * that cannot match from one that must be built: the last of each name counts, as in the tree.
     */
    private static final class Fields {
        private JsonToken id;
        private boolean otherId;
        private JsonToken staticMedia;
        private JsonToken contentType;

        void read(String name, JsonToken value, JsonParser parser, long mediaId) {
            switch (name) {
                case "id" -> {
                    id = value;
                    otherId = value == JsonToken.VALUE_NUMBER_INT
                            && parser.getNumberType() != NumberType.BIG_INTEGER
                            && parser.getLongValue() != mediaId;
                }
                case "staticMedia" -> staticMedia = value;
                case "contentType" -> contentType = value;
                default -> {
                    // no other field takes part in the decision
                }
            }
        }

        /**
         * False only when the rules surely say no without throwing: no id (or a null one), or another integer id
         * where nothing before the id check can throw. The content type is read as text unless staticMedia is a
         * boolean, and an object or array there throws; strings, fractions, huge numbers and other odd ids are
         * left to the rules, which accept some and throw on others.
         */
        boolean mayDecide() {
            if (id == null || id == JsonToken.VALUE_NULL) {
                return false;
            }
            boolean typeThrows = !isBoolean(staticMedia)
                    && (contentType == JsonToken.START_OBJECT || contentType == JsonToken.START_ARRAY);
            return typeThrows || !otherId;
        }

        private static boolean isBoolean(JsonToken token) {
            return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
        }
    }

    /** The walk cannot decide this body; it costs no stack trace, since the tree path takes over. */
    private static final class Undecided extends RuntimeException {
        Undecided(String reason) {
            super(reason, null, false, false);
        }
    }
}
