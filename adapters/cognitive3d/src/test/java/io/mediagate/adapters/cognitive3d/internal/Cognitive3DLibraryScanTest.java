package io.mediagate.adapters.cognitive3d.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.http.VendorResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * A single-video read walks the library's tokens instead of building it as a tree; held here against the tree
 * path on generated libraries and broken bodies, it must end the same way every time: the same item, none, or
 * the same exception with the same message.
 */
class Cognitive3DLibraryScanTest {
    /** Ids the generated items use, so that targets, duplicates and nested look-alikes are common. */
    private static final long[] POOL = {1, 2, 3, 7, 42, 301, 9_007_199_254_740_993L};
    /** Ids no generated item has at its top level. */
    private static final long[] ABSENT = {0, 5, 9_007_199_254_740_992L, 999_999_999_999_999_999L};

    /** Bytes that mean something in JSON (and one of a two-byte character), to drop into a body. */
    private static final byte[] JSON_BYTES = "{}[],:\"\\x0 \u00e9".getBytes(StandardCharsets.UTF_8);

    private final Cognitive3DErrorMapper errors = new Cognitive3DErrorMapper(Clock.systemUTC(), Set.of());

    @Test
    void generatedLibrariesGiveTheItemTheTreeGives() {
        Random random = new Random(20_260_101);
        int found = 0;
        int failed = 0;
        for (int i = 0; i < 3_000; i++) {
            String json = new Library(random).json();
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            for (long mediaId : targets(random)) {
                Outcome tree = tree(body, mediaId);
                assertThat(scan(body, mediaId)).as("%s in %s", mediaId, json).isEqualTo(tree);
                // the walk itself answers every readable library; only what the tree path fails on is left to it
                Outcome walked = Outcome.of(() -> Cognitive3DLibraryScan.walk(body, mediaId));
                if (tree.failure() == null) {
                    assertThat(walked).as("walk: %s in %s", mediaId, json).isEqualTo(tree);
                } else {
                    assertThat(walked.failure())
                            .as("walk: %s in %s", mediaId, json)
                            .isNotNull();
                }
                found += tree.found() != null && !tree.found().equals(Outcome.NONE) ? 1 : 0;
                failed += tree.failure() != null ? 1 : 0;
            }
        }
        // both ends are exercised: items found, and rules that throw before the tree path finds one
        assertThat(found).as("finds that found the video").isGreaterThan(500);
        assertThat(failed).as("finds that failed").isGreaterThan(300);
    }

    @Test
    void brokenBodiesFailAsTheTreeFails() {
        Random random = new Random(42);
        for (int i = 0; i < 400; i++) {
            byte[] body = new Library(random).json().getBytes(StandardCharsets.UTF_8);
            for (byte[] broken : broken(body, random)) {
                for (long mediaId : targets(random)) {
                    assertSame(broken, mediaId);
                }
            }
        }
    }

    @Test
    void aLibraryCutAnywhereFailsAsTheTreeFails() {
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            byte[] body = new Library(random).json().getBytes(StandardCharsets.UTF_8);
            for (int length = 0; length <= body.length; length++) {
                byte[] cut = new byte[length];
                System.arraycopy(body, 0, cut, 0, length);
                assertSame(cut, 301);
            }
        }
    }

    @Test
    void onlyTheItemsOwnIdCounts() {
        String live = "\"staticMedia\":false,\"contentType\":\"video/mp4\"";
        assertFound(
                "[{\"id\":5," + live + ",\"thumbnail\":{\"id\":301}},{\"tags\":[{\"id\":301}],\"id\":6}]", 301, null);
        assertFound("[{\"x\":{\"id\":301," + live + "},\"id\":5," + live + "}]", 301, null);
        assertFound("[[{\"id\":301," + live + "}]]", 301, null);
        // a child's id after the item's own neither hides the item nor stands in for it
        assertFound(
                "[{\"id\":301," + live + ",\"thumbnail\":{\"id\":5}}]",
                301,
                "{\"id\":301," + live + ",\"thumbnail\":{\"id\":5}}");
        assertFound(
                "[{\"id\":5," + live + ",\"thumbnail\":{\"id\":301}}]",
                5,
                "{\"id\":5," + live + ",\"thumbnail\":{\"id\":301}}");
        // the id first, last, or between the others; a nested object before it changes nothing
        assertFound("[{\"id\":301," + live + "}]", 301, "{\"id\":301," + live + "}");
        assertFound("[{" + live + ",\"id\":301}]", 301, "{" + live + ",\"id\":301}");
        assertFound(
                "[{\"staticMedia\":false,\"c\":{\"id\":1},\"id\":301,\"contentType\":\"video/mp4\"}]",
                301,
                "{\"staticMedia\":false,\"c\":{\"id\":1},\"id\":301,\"contentType\":\"video/mp4\"}");
    }

    @Test
    void duplicatesEndAsInTheTree() {
        String live = "\"staticMedia\":false";
        // of two items with the id, the first live one wins
        assertFound(
                "[{\"id\":301," + live + ",\"n\":1},{\"id\":301," + live + ",\"n\":2}]",
                301,
                "{\"id\":301," + live + ",\"n\":1}");
        assertFound(
                "[{\"id\":301,\"archived\":true,\"n\":1},{\"id\":301," + live + ",\"n\":2}]",
                301,
                "{\"id\":301," + live + ",\"n\":2}");
        // of two ids in one item, the last is the item's (the tree keeps the last value of a repeated key)
        assertFound("[{\"id\":301,\"id\":5," + live + "}]", 301, null);
        assertFound("[{\"id\":5,\"id\":301," + live + "}]", 301, "{\"id\":301," + live + "}");
        assertFound("[{\"i\\u0064\":301," + live + "}]", 301, "{\"id\":301," + live + "}");
    }

    @Test
    void shapesOtherThanAMediaArrayEndAsInTheTree() {
        String library = "[{\"id\":301,\"staticMedia\":false,\"name\":\"café 😀\"}]";
        List<byte[]> bodies = new ArrayList<>();
        for (String text : new String[] {
            "",
            "   ",
            "\uFEFF",
            "\uFEFF" + library,
            "{}",
            "{\"id\":301,\"staticMedia\":false}",
            "301",
            "\"x\"",
            "null",
            "true",
            "[]",
            "[] []",
            "[]x",
            library + " " + library,
            library + ",",
            "[301]",
            "[null,\"301\",[301]]",
            "<html><body>502</body></html>",
            " \n<!DOCTYPE html><html></html>",
            // the rules themselves throw on these items, and the tree path throws the same
            "[{\"id\":\"abc\",\"staticMedia\":false}]",
            "[{\"id\":7,\"contentType\":{}},{\"id\":301,\"staticMedia\":false}]",
            "[{\"id\":99999999999999999999,\"staticMedia\":false}]",
            "[{\"id\":\"abc\",\"staticMedia\":false}," + library.substring(1),
            "[{\"id\":\"abc\",\"staticMedia\":false},",
            // an item nested deeper than the parser allows, a number longer, a control character, broken UTF-8:
            // all in an item the walk skips
            "[{\"id\":1,\"x\":" + "[".repeat(600) + "]".repeat(600) + "}," + library.substring(1),
            "[{\"id\":1,\"x\":" + "9".repeat(1_001) + "}," + library.substring(1),
            "[{\"id\":1,\"x\":\"a\u0001b\"}," + library.substring(1),
            "[{\"id\":1,\"x\":\"a\\qb\"}," + library.substring(1),
        }) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] badUtf8 = ("[{\"id\":1,\"x\":\"a\u00e9b\"}," + library.substring(1)).getBytes(StandardCharsets.UTF_8);
        // é's second byte: a lead byte with no continuation, in an item before the one sought
        badUtf8[indexOf(badUtf8, (byte) 0xC3) + 1] = (byte) 0x28;
        bodies.add(badUtf8);
        for (String charset : new String[] {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE"}) {
            bodies.add(library.getBytes(Charset.forName(charset)));
        }
        for (byte[] body : bodies) {
            for (long mediaId : new long[] {301, 5}) {
                assertSame(body, mediaId);
            }
        }
        assertSame(library.getBytes(StandardCharsets.UTF_8), "text/html", 301);
    }

    private void assertFound(String json, long mediaId, String expected) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Outcome outcome = new Outcome(expected == null ? Outcome.NONE : expected, null);
        assertThat(tree(body, mediaId)).as("tree: %s", json).isEqualTo(outcome);
        assertThat(scan(body, mediaId)).as("scan: %s", json).isEqualTo(outcome);
        assertThat(Outcome.of(() -> Cognitive3DLibraryScan.walk(body, mediaId)))
                .as("walk: %s", json)
                .isEqualTo(outcome);
    }

    private void assertSame(byte[] body, long mediaId) {
        assertSame(body, null, mediaId);
    }

    private void assertSame(byte[] body, String contentType, long mediaId) {
        assertThat(Outcome.of(() -> errors.liveVideo(answer(body, contentType), mediaId)))
                .as("%s in %s", mediaId, new String(body, StandardCharsets.UTF_8))
                .isEqualTo(
                        Outcome.of(() -> Cognitive3DMapper.liveVideo(errors.json(answer(body, contentType)), mediaId)));
    }

    private Outcome tree(byte[] body, long mediaId) {
        return Outcome.of(() -> Cognitive3DMapper.liveVideo(errors.json(answer(body, null)), mediaId));
    }

    private Outcome scan(byte[] body, long mediaId) {
        return Outcome.of(() -> errors.liveVideo(answer(body, null), mediaId));
    }

    private static VendorResponse answer(byte[] body, String contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, contentType == null ? "application/json" : contentType);
        return new VendorResponse(200, headers, body);
    }

    private static long[] targets(Random random) {
        return new long[] {POOL[random.nextInt(POOL.length)], ABSENT[random.nextInt(ABSENT.length)]};
    }

    /** The same body cut, with a byte changed, dropped or added, or with something after it. */
    private static List<byte[]> broken(byte[] body, Random random) {
        List<byte[]> broken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            broken.add(splice(body, random.nextInt(body.length + 1), body.length, new byte[0]));
            int at = random.nextInt(body.length);
            broken.add(splice(body, at, at + 1, new byte[] {(byte) random.nextInt(256)}));
            broken.add(splice(body, at, at + 1, new byte[0]));
            broken.add(splice(body, at, at, new byte[] {JSON_BYTES[random.nextInt(JSON_BYTES.length)]}));
        }
        for (String tail : new String[] {"x", "]", ",", " []", "{}", "\"", " null", "\n"}) {
            broken.add(splice(body, body.length, body.length, tail.getBytes(StandardCharsets.UTF_8)));
        }
        return broken;
    }

    private static int indexOf(byte[] body, byte b) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no such byte");
    }

    private static byte[] splice(byte[] body, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, from);
        out.writeBytes(insert);
        out.write(body, to, body.length - to);
        return out.toByteArray();
    }

    /** How a find ended: the item found as JSON text (or {@link #NONE}), or the failure's type and message. */
    private record Outcome(String found, String failure) {
        static final String NONE = "(none)";

        static Outcome of(Supplier<Optional<JsonNode>> find) {
            try {
                return new Outcome(find.get().map(JsonNode::toString).orElse(NONE), null);
            } catch (ProviderException e) {
                return new Outcome(null, "ProviderException " + e.kind() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                return new Outcome(null, e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    /**
     * A random media library as vendor JSON, written by hand so that field order, spacing, escapes and odd value
     * types vary: mostly the vendor's own shape, with archived items, images, duplicates, look-alike ids in
     * nested objects and arrays, and now and then a value the liveness rules accept or throw on.
     */
    private static final class Library {
        private final Random random;
        private final StringBuilder out = new StringBuilder();

        Library(Random random) {
            this.random = random;
        }

        String json() {
            if (chance(5)) {
                out.append('\uFEFF');
            }
            space();
            out.append('[');
            int items = random.nextInt(12);
            for (int i = 0; i < items; i++) {
                if (i > 0) {
                    space();
                    out.append(',');
                }
                space();
                if (chance(6)) {
                    out.append(oneOf(
                            "42", "\"301\"", "null", "true", "3.5", "[]", "[{\"id\":301,\"staticMedia\":false}]"));
                } else {
                    item(i);
                }
            }
            space();
            out.append(']');
            space();
            return out.toString();
        }

        private void item(int seq) {
            List<String[]> fields = new ArrayList<>();
            if (!chance(5)) {
                fields.add(field("id", id()));
            }
            if (chance(6)) {
                fields.add(field("id", id()));
            }
            if (!chance(20)) {
                fields.add(field(
                        "staticMedia", chance(80) ? oneOf("false", "false", "true") : oneOf("null", "\"false\"", "0")));
            }
            if (!chance(30)) {
                fields.add(field(
                        "contentType",
                        chance(95)
                                ? oneOf("\"video/mp4\"", "\"VIDEO/MP4\"", "\"image/png\"", "\"video/webm\"")
                                : oneOf("null", "5", "{}", "[\"video/mp4\"]")));
            }
            if (!chance(20)) {
                fields.add(field(
                        "archived",
                        chance(85) ? oneOf("false", "false", "false", "true") : oneOf("null", "\"true\"", "1", "{}")));
            }
            fields.add(field("seq", String.valueOf(seq)));
            fields.add(field("name", string()));
            if (chance(50)) {
                fields.add(field("description", chance(80) ? string() : "null"));
            }
            if (chance(40)) {
                fields.add(field("thumbnail", "{\"id\":" + poolId() + ",\"staticMedia\":false,\"archived\":false}"));
            }
            if (chance(30)) {
                fields.add(field(
                        "versions",
                        "[{\"id\":" + poolId() + "},[" + poolId() + "],{\"n\":{\"id\":" + poolId()
                                + "}},\"id\",{\"id\":null}]"));
            }
            if (chance(30)) {
                fields.add(field("fileName", "\"f" + seq + ".mp4\""));
            }
            Collections.shuffle(fields, random);
            out.append('{');
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    space();
                    out.append(',');
                }
                space();
                out.append('"').append(fields.get(i)[0]).append('"');
                space();
                out.append(':');
                space();
                out.append(fields.get(i)[1]);
            }
            space();
            out.append('}');
        }

        private String[] field(String name, String value) {
            // a key may be spelled with escapes; the parser, like the tree, reads the name it stands for
            String key = name.equals("id") && chance(10) ? oneOf("\\u0069d", "i\\u0064", "\\u0069\\u0064") : name;
            return new String[] {key, value};
        }

        private String id() {
            long id = poolId();
            if (chance(92)) {
                return String.valueOf(id);
            }
            return oneOf(
                    "\"" + id + "\"",
                    id + ".0",
                    id + ".7",
                    "\"+" + id + "\"",
                    "\"0" + id + "\"",
                    "null",
                    "99999999999999999999",
                    "\" " + id + "\"",
                    "\"abc\"",
                    "true",
                    "{\"id\":" + id + "}",
                    "[" + id + "]");
        }

        private long poolId() {
            return POOL[random.nextInt(POOL.length)];
        }

        private String string() {
            StringBuilder s = new StringBuilder("\"");
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                s.append(oneOf(
                        "a",
                        "Z",
                        " ",
                        "é",
                        "中",
                        "😀",
                        "\\\"",
                        "\\\\",
                        "\\/",
                        "\\n",
                        "\\t",
                        "\\u00e9",
                        "\\ud83d\\ude00",
                        "\\u0000",
                        "}",
                        "]",
                        "{\\\"id\\\":301,"));
            }
            return s.append('"').toString();
        }

        private void space() {
            if (chance(30)) {
                out.append(oneOf(" ", "\n", "\t", "\r\n", "  "));
            }
        }

        private boolean chance(int percent) {
            return random.nextInt(100) < percent;
        }

        private String oneOf(String... options) {
            return options[random.nextInt(options.length)];
        }
    }
}
