package io.mediagate.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InputsIdTest {
    private static final Pattern ID = Pattern.compile(Inputs.ID_REGEX);
    // the id alphabet, its neighbours in ASCII, and letters and digits the regex's ASCII classes do not take
    private static final String ALPHABET = "aZ09_.:~-/ @`[{\u00e9\u0663\u0130\u212a%";

    @Test
    void theCheckAcceptsExactlyWhatTheDocumentedRegexAccepts() {
        List<String> values = new ArrayList<>(List.of("", "a", "-a", "a-", "_", "~", "a".repeat(128), "a".repeat(129)));
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(i % 50 == 0 ? 140 : 6);
            StringBuilder value = new StringBuilder();
            for (int j = 0; j < length; j++) {
                value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            values.add(value.toString());
        }
        int accepted = 0;
        for (String value : values) {
            boolean expected = ID.matcher(value).matches();
            assertThat(Inputs.isId(value)).as("'%s'", value).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("the sample holds both answers").isBetween(100, values.size() - 100);
        assertThat(Inputs.isId(null)).isFalse();
    }
}
