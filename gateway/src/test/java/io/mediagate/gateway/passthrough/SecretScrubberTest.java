package io.mediagate.gateway.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every spelling in which a vendor may echo a credential is overwritten, byte for byte. */
class SecretScrubberTest {
    private static final String SECRET = "tok/en+Se=cret&42";
    private final SecretScrubber scrubber = new SecretScrubber(List.of(SECRET));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tok/en+Se=cret&42",
                "tok%2Fen%2BSe%3Dcret%2642",
                "tok%2fen%2bSe%3dcret%2642",
                "%74%6F%6B%2F%65%6E%2B%53%65%3D%63%72%65%74%26%34%32",
                "dG9rL2VuK1NlPWNyZXQmNDI",
                "tok\\/en+Se=cret&42",
                "tok/en+Se=cret&amp;42"
            })
    void everySpellingIsScrubbed(String spelling) {
        String echoed = "{\"error\":\"bad request to https://vendor.example/api?token=" + spelling + "\"}";
        String scrubbed = scrubber.scrub(echoed);
        assertThat(scrubbed).doesNotContain(spelling).hasSameSizeAs(echoed).contains("*".repeat(spelling.length()));
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        assertThat(scrubber.scrub("{\"title\":\"tok en\"}")).isEqualTo("{\"title\":\"tok en\"}");
    }
}
