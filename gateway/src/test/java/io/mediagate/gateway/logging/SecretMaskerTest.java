package io.mediagate.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.connection.ProviderFactories;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void masksRegisteredSecretsWholeEvenWhenAShorterValueOccursInside() {
        SecretMasker.register(List.of("orgkey", "orgkey-demo-0123456789abcdef"));
        assertThat(SecretMasker.mask("Authorization: orgkey-demo-0123456789abcdef"))
                .doesNotContain("0123456789abcdef")
                .contains("******");
    }

    @Test
    void masksCredentialShapedValuesItWasNeverTold() {
        // the shapes come from the vendors' own descriptors, as ConnectionRegistry registers them at start-up
        new ProviderFactories()
                .all()
                .forEach(f -> SecretMasker.registerShapes(
                        f.descriptor().secretWireNames(), f.descriptor().secretWirePrefixes()));
        assertThat(SecretMasker.mask("GET /v2/asset.list.json?api_token=12345iAbCdEf&page=2"))
                .isEqualTo("GET /v2/asset.list.json?api_token=******&page=2");
        assertThat(SecretMasker.mask("Authorization: Bearer sk_live_abc.def")).doesNotContain("sk_live_abc");
        assertThat(SecretMasker.mask("Authorization: APIKEY:ORGANIZATION abc123"))
                .doesNotContain("abc123");
        assertThat(SecretMasker.mask("?signature=a3a030d15fd3&timestamp=1")).doesNotContain("a3a030d15fd3");
        assertThat(SecretMasker.mask("X-Parone-Api-Secret: s3cr3t")).doesNotContain("s3cr3t");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        assertThat(SecretMasker.mask("listed 20 videos in 12 ms")).isEqualTo("listed 20 videos in 12 ms");
        assertThat(SecretMasker.mask("cache key: videos/42, Content-Type: application/json"))
                .isEqualTo("cache key: videos/42, Content-Type: application/json");
    }
}
