package io.mediagate.gateway.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.spi.VendorDescriptor;
import io.mediagate.contracts.spi.VendorSetting;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the documentation says about vendors follows from the vendors' own descriptors: the chart schema's and
 * the contract's vendor lists and README's per-vendor configuration tables. A drift fails here; {@code -Dmediagate.docs.write=true}
 * rewrites README's tables from the descriptors.
 */
class VendorDocsTest {
    private static final Path ROOT = Path.of("..");
    private static final String OPENAPI = "contracts/src/main/resources/openapi.yaml";

    static List<VendorDescriptor> productionVendors() {
        return ProductionVendors.descriptors();
    }

    @Test
    void productionVendorsAreTheFourAdapterModules() {
        assertThat(productionVendors())
                .extracting(VendorDescriptor::id)
                .containsExactlyInAnyOrder("cincopa", "cognitive3d", "parone", "streamone");
    }

    @Test
    void chartSchemaListsExactlyTheShippedVendors() throws IOException {
        JsonNode schema = JsonMapper.builder()
                .build()
                .readTree(ROOT.resolve("helm/mediagate/values.schema.json").toFile());
        JsonNode vendor =
                schema.at("/properties/mediagate/properties/connections/additionalProperties/properties/vendor/enum");
        assertThat(vendor.isArray())
                .as("the chart schema's connections.*.vendor enum")
                .isTrue();
        Set<String> listed = new TreeSet<>();
        vendor.forEach(v -> listed.add(v.asString()));
        assertThat(listed)
                .as("helm/mediagate/values.schema.json vendor enum")
                .isEqualTo(new TreeSet<>(
                        productionVendors().stream().map(VendorDescriptor::id).toList()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void openapiVendorEnumListsExactlyTheShippedVendors() throws IOException {
        Map<String, Object> contract;
        try (Reader in = Files.newBufferedReader(ROOT.resolve(OPENAPI), StandardCharsets.UTF_8)) {
            contract = new Yaml().load(in);
        }
        Object vendor = contract;
        for (String step : List.of("components", "schemas", "Connection", "properties", "vendor", "enum")) {
            assertThat(vendor)
                    .as("%s has %s on the path to Connection.vendor's enum", OPENAPI, step)
                    .isInstanceOf(Map.class);
            vendor = ((Map<String, Object>) vendor).get(step);
        }
        assertThat(vendor).as("%s: Connection.vendor's enum", OPENAPI).isInstanceOf(List.class);
        assertThat(new TreeSet<>((List<String>) vendor))
                .as("%s: Connection.vendor's enum", OPENAPI)
                .isEqualTo(new TreeSet<>(
                        productionVendors().stream().map(VendorDescriptor::id).toList()));
    }

    @Test
    void readmeConfigurationTablesAreTheDescriptors() throws IOException {
        Path readme = ROOT.resolve("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String expected = text;
        for (VendorDescriptor d : productionVendors()) {
            String open = "<!-- vendor-config:" + d.id() + " (generated from the descriptor; VendorDocsTest) -->\n";
            String close = "<!-- /vendor-config:" + d.id() + " -->";
            int from = expected.indexOf(open);
            int to = expected.indexOf(close);
            assertThat(from)
                    .as("README.md has a configuration table for vendor %s, between\n%s%s", d.id(), open, close)
                    .isNotNegative();
            assertThat(to).isGreaterThan(from);
            expected = expected.substring(0, from + open.length()) + table(d) + expected.substring(to);
        }
        if (Boolean.getBoolean("mediagate.docs.write")) {
            Files.writeString(readme, expected, StandardCharsets.UTF_8);
        }
        assertThat(text)
                .as("README.md's vendor tables (rerun with -Dmediagate.docs.write=true to regenerate)")
                .isEqualTo(expected);
    }

    /** One vendor's configuration table, as README shows it. */
    static String table(VendorDescriptor d) {
        StringBuilder out =
                new StringBuilder("| key | required | secret | default | meaning |\n|---|---|---|---|---|\n");
        for (VendorSetting c : d.credentials()) {
            row(out, "credentials.", c);
        }
        for (VendorSetting o : d.allOptions()) {
            row(out, "options.", o);
        }
        out.append("\nDefault quota: ")
                .append(
                        d.plan() == null
                                ? "none published (set `quota` for your plan)"
                                : d.plan().requests() + " requests per "
                                        + human(d.plan().per()) + ", from the vendor's plan")
                .append(".\n");
        return out.toString();
    }

    private static void row(StringBuilder out, String prefix, VendorSetting s) {
        String fallback = s.defaultValue() == null
                ? "–"
                : s.defaultValue().startsWith("the ") ? s.defaultValue() : "`" + s.defaultValue() + "`";
        out.append("| `")
                .append(prefix)
                .append(s.name())
                .append("` | ")
                .append(s.required() ? "yes" : "no")
                .append(" | ")
                .append(s.secret() ? "yes" : "no")
                .append(" | ")
                .append(fallback)
                .append(" | ")
                .append(s.doc().replace("|", "\\|"))
                .append(" |\n");
    }

    private static String human(Duration d) {
        return d.toHours() >= 1 && d.toMinutesPart() == 0
                ? d.toHours() + " h"
                : d.toMinutes() >= 1 && d.toSecondsPart() == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
