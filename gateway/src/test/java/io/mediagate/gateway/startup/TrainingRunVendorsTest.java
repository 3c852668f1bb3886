package io.mediagate.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.PlaceholderConnection;
import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VendorSetting;
import io.mediagate.contracts.spi.VideoProviderFactory;
import io.mediagate.gateway.connection.ProviderFactories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The training run connects to every vendor on the class path with the settings each adapter offers for it, so a
 * new vendor is trained without touching the gateway, and no gateway source names a vendor.
 */
class TrainingRunVendorsTest {
    private final ProviderFactories factories = new ProviderFactories();

    @Test
    void everyAdapterOffersAPlaceholderItsOwnValidationAccepts() {
        // the four adapters; the tests' own tiny vendor offers none
        assertThat(trained()).hasSizeGreaterThanOrEqualTo(4);
        for (VideoProviderFactory factory : trained()) {
            PlaceholderConnection p = factory.placeholder().orElseThrow();
            assertThat(p.credentials().keySet())
                    .as(factory.vendor())
                    .containsAll(factory.descriptor().credentials().stream()
                            .filter(VendorSetting::required)
                            .map(VendorSetting::name)
                            .toList());
            // throws InvalidConnectionException naming the key when the placeholder would not start
            factory.create(
                    new ConnectionSpec(
                            "training-" + factory.vendor(),
                            factory.vendor(),
                            URI.create("http://127.0.0.1:9/" + factory.vendor()),
                            p.credentials(),
                            p.options()),
                    ProviderContext.defaults());
        }
    }

    @Test
    void theTrainingConfigurationHasOneConnectionPerVendor() {
        Map<String, String> config = TrainingRun.configuration("key", 9);
        for (VideoProviderFactory factory : factories.all()) {
            String key = "mediagate.connections.training-" + factory.vendor() + ".vendor";
            if (factory.placeholder().isPresent()) {
                assertThat(config).containsEntry(key, factory.vendor());
            } else {
                assertThat(config).doesNotContainKey(key);
            }
        }
        assertThat(TrainingRun.connections()).hasSameSizeAs(trained());
    }

    private List<VideoProviderFactory> trained() {
        return factories.all().stream().filter(f -> f.placeholder().isPresent()).toList();
    }

    @Test
    void noGatewaySourceNamesAVendor() throws IOException {
        List<String> quoted =
                factories.vendors().stream().map(v -> "\"" + v + "\"").toList();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<String> naming = sources.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> {
                        String text = read(f);
                        return quoted.stream().anyMatch(text::contains);
                    })
                    .map(Path::toString)
                    .toList();
            assertThat(naming).isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
