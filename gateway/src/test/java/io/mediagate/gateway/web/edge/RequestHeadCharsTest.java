package io.mediagate.gateway.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The request-head checks that replaced regular expressions on the hot path accept exactly what the grammar (the
 * former expressions) accepts: held against the expressions on crafted heads and on 200,000 random strings drawn
 * from the characters that matter (delimiters, controls, obs-text).
 */
class RequestHeadCharsTest {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern HOST =
            Pattern.compile("(?i)([a-z0-9._~!$&'()*+,;=-]*|\\[[0-9a-f:.]+\\])(:[0-9]{0,5})?");
    private static final Pattern FIELD = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+:[\\t\\x20-\\x7e\\x80-\\xff]*");
    private static final String ALPHABET = "aZ09:[]._~!$&'()*+,;=-%\"<> \t\u0000\u001f\u007f\u0080\u00ff/@?#";

    @Test
    void craftedCasesMatchTheGrammar() {
        List<String> cases = List.of(
                "",
                "GET",
                "G ET",
                "Host: x",
                "Host:x",
                "Host :x",
                ":x",
                "X-A:\tb\u00e9",
                "X:\u0001",
                "localhost",
                "localhost:8080",
                "localhost:123456",
                "localhost:",
                "[::1]",
                "[::1]:443",
                "[]",
                "[::1",
                "[g::1]",
                "[::1]x",
                "a b",
                "EXAMPLE.com:1",
                "\u00e9x");
        for (String c : cases) {
            assertAgree(c);
        }
    }

    @Test
    void randomStringsMatchTheGrammar() {
        Random random = new Random(9457);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertAgree(s.toString());
        }
    }

    /** The target check without java.net.URI on the hot path refuses exactly what it refused with it. */
    @Test
    void requestTargetsAreRefusedAsJavaNetUriRefusesThem() {
        String alphabet = "aZ09/?&=%5B[]:@;!$'()*+,-._~\"<>\\^`{|}# \u007f\u00e9";
        Random random = new Random(3986);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder("/");
            int length = random.nextInt(10);
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String target = s.toString();
            assertThat(RequestHead.targetProblem(target, "GET") == null)
                    .as("accepted: %s", escaped(target))
                    .isEqualTo(acceptedWithUri(target));
        }
        assertThat(RequestHead.targetProblem("/a[1]", "GET")).isEqualTo("the request target is not a valid URI");
        assertThat(RequestHead.targetProblem("/a?b[]=1", "GET")).isNull();
    }

    /** The former check: the characters, then whatever java.net.URI refuses. */
    private static boolean acceptedWithUri(String target) {
        String problem = RequestHead.targetProblem(target, "GET");
        if (problem != null && !problem.equals("the request target is not a valid URI")) {
            return false;
        }
        try {
            new URI("http://h" + target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void assertAgree(String s) {
        List<String> disagreements = new ArrayList<>();
        if (RequestHead.token(s) != TOKEN.matcher(s).matches()) {
            disagreements.add("token");
        }
        if (RequestHead.validField(s) != FIELD.matcher(s).matches()) {
            disagreements.add("field");
        }
        if (RequestHead.validHost(s) != HOST.matcher(s).matches()) {
            disagreements.add("host");
        }
        assertThat(disagreements)
                .as("checks that disagree with the grammar on %s", escaped(s))
                .isEmpty();
    }

    private static String escaped(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.append('"').toString();
    }
}
