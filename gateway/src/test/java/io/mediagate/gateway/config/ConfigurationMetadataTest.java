package io.mediagate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.contracts.spi.VendorDescriptor;
import io.mediagate.contracts.spi.VendorSetting;
import io.mediagate.gateway.config.BoundKeys.BoundKey;
import io.mediagate.gateway.vendor.ProductionVendors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The configuration metadata in the gateway jar ({@code META-INF/spring-configuration-metadata.json}, what IDEs
 * complete and document from) covers every {@code mediagate.*} key the gateway binds, each with a description and
 * the default the code applies, and the per-vendor {@code credentials.*} and {@code options.*} keys exactly as the
 * vendors' descriptors declare them. The processor documents what it can see (records, {@code @param} Javadoc);
 * {@code additional-spring-configuration-metadata.json} adds the rest: defaults applied in code, keys inside list
 * and map elements ({@code mediagate.clients[*].id}, {@code mediagate.connections.*.vendor}), {@code @Value}
 * keys and the vendor keys. {@code -Dmediagate.docs.write=true} rewrites that file's defaults, types and vendor
 * keys from the code; descriptions of new element keys are left to write by hand.
 */
class ConfigurationMetadataTest {
    private static final Path BUILT = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    private static final Path ADDITIONAL =
            Path.of("src/main/resources/META-INF/additional-spring-configuration-metadata.json");
    private static final String CONNECTION = "mediagate.connections.*.";
    private static final String VENDOR_HINT = CONNECTION + "vendor";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<BoundKey> bound;
    private static Map<String, JsonNode> built;

    @BeforeAll
    static void read() throws IOException {
        bound = BoundKeys.all(Path.of("src/main/java"));
        assertThat(BUILT)
                .as("the processor's output (built by the compile phase)")
                .exists();
        // the compiler skips the processor when no Java source changed, so an edit of the additional file alone
        // would be checked against metadata built before it
        assertThat(Files.getLastModifiedTime(BUILT))
                .as("%s is older than %s: build with clean", BUILT, ADDITIONAL)
                .isGreaterThanOrEqualTo(Files.getLastModifiedTime(ADDITIONAL));
        built = byName(JSON.readTree(BUILT.toFile()).path("properties"));
    }

    @Test
    void everyBoundKeyHasADescriptionAndItsType() {
        List<String> problems = new ArrayList<>();
        for (BoundKey key : bound) {
            JsonNode entry = built.get(key.name());
            if (entry == null) {
                problems.add(key.name() + " is missing");
            } else if (entry.path("description").asString("").isBlank()) {
                problems.add(key.name() + " has no description");
            } else if (!key.type().equals(entry.path("type").asString(""))) {
                problems.add(key.name() + " is typed " + entry.path("type") + ", bound as " + key.type());
            }
        }
        assertThat(problems).as("keys the gateway binds, in %s", BUILT).isEmpty();
    }

    @Test
    void everyDefaultTheCodeAppliesIsTheMetadataDefault() {
        List<String> problems = new ArrayList<>();
        for (BoundKey key : bound) {
            JsonNode entry = built.get(key.name());
            JsonNode stated = entry == null ? null : entry.get("defaultValue");
            if (key.hasDefault() && stated == null) {
                problems.add(key.name() + " states no default; the code applies " + render(key.codeDefault()));
            } else if (stated != null && !same(stated, key.codeDefault())) {
                problems.add(key.name() + " states default " + stated + "; the code applies "
                        + (key.codeDefault() == null ? "none" : render(key.codeDefault())));
            }
        }
        assertThat(problems)
                .as("defaults in %s (-Dmediagate.docs.write=true rewrites them)", BUILT)
                .isEmpty();
    }

    @Test
    void vendorKeysAreTheDescriptors() {
        Map<String, JsonNode> expected = byName(vendorEntries(ProductionVendors.descriptors()));
        Map<String, JsonNode> actual = new TreeMap<>(built);
        actual.keySet().removeIf(name -> !isVendorKey(name));
        Set<String> names = new TreeSet<>(expected.keySet());
        names.addAll(actual.keySet());
        List<String> drifted = names.stream()
                .filter(n -> !String.valueOf(expected.get(n)).equals(String.valueOf(actual.get(n))))
                .map(n -> n + ": descriptors say " + expected.get(n) + ", metadata says " + actual.get(n))
                .toList();
        assertThat(drifted)
                .as("the vendor keys in %s (-Dmediagate.docs.write=true regenerates them)", BUILT)
                .isEmpty();
    }

    @Test
    void vendorValuesAreHinted() throws IOException {
        JsonNode hints = JSON.readTree(BUILT.toFile()).path("hints");
        Set<String> values = new TreeSet<>();
        hints.forEach(h -> {
            if (h.path("name").asString("").equals(VENDOR_HINT)) {
                h.path("values").forEach(v -> values.add(v.path("value").asString()));
            }
        });
        assertThat(values)
                .as("the %s hint", VENDOR_HINT)
                .isEqualTo(ProductionVendors.descriptors().stream()
                        .map(VendorDescriptor::id)
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void metadataNamesOnlyKeysTheGatewayBinds() {
        Set<String> known = bound.stream().map(BoundKey::name).collect(Collectors.toSet());
        List<String> stale = built.keySet().stream()
                .filter(name -> name.startsWith("mediagate.") && !known.contains(name) && !isVendorKey(name))
                .toList();
        assertThat(stale).as("keys in %s that nothing binds", BUILT).isEmpty();
    }

    @Test
    void additionalMetadataFollowsTheCode() throws IOException {
        String text = Files.exists(ADDITIONAL) ? Files.readString(ADDITIONAL, StandardCharsets.UTF_8) : "{}";
        String expected = regenerate(JSON.readTree(text), bound, ProductionVendors.descriptors());
        if (Boolean.getBoolean("mediagate.docs.write")) {
            Files.writeString(ADDITIONAL, expected, StandardCharsets.UTF_8);
        }
        assertThat(text)
                .as("%s (rerun with -Dmediagate.docs.write=true to regenerate)", ADDITIONAL)
                .isEqualTo(expected);
    }

    /**
     * The additional file with defaults, element types and vendor keys from the code: hand-written descriptions
     * stay, a new element key gets an empty one (which {@link #everyBoundKeyHasADescriptionAndItsType} reports),
     * entries nothing binds go.
     */
    static String regenerate(JsonNode current, List<BoundKey> keys, List<VendorDescriptor> vendors) {
        Map<String, JsonNode> old = byName(current.path("properties"));
        List<JsonNode> properties = new ArrayList<>();
        for (BoundKey key : keys) {
            JsonNode was = old.get(key.name());
            String description = was == null ? null : was.path("description").asString(null);
            if (key.processed() && !key.hasDefault() && description == null) {
                continue;
            }
            ObjectNode entry = JsonNodeFactory.instance.objectNode().put("name", key.name());
            if (!key.processed()) {
                entry.put("type", key.type());
                entry.put("description", description == null ? "" : description);
            } else if (description != null) {
                entry.put("description", description);
            }
            if (key.hasDefault()) {
                entry.set("defaultValue", json(key.codeDefault()));
            }
            properties.add(entry);
        }
        properties.addAll(vendorEntries(vendors));
        properties.sort(
                (a, b) -> a.path("name").asString().compareTo(b.path("name").asString()));

        ArrayNode hints = JsonNodeFactory.instance.arrayNode();
        current.path("hints").forEach(h -> {
            if (!h.path("name").asString("").equals(VENDOR_HINT)) {
                hints.add(h);
            }
        });
        ObjectNode vendorHint = hints.addObject().put("name", VENDOR_HINT);
        ArrayNode values = vendorHint.putArray("values");
        vendors.stream()
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(d -> values.addObject().put("value", d.id()).put("description", d.name()));

        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putArray("properties").addAll(properties);
        root.set("hints", hints);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /**
     * One entry per credential or option name across the vendors; its description says, per vendor, what the key
     * means there, and it carries a default only when every vendor declaring it has the same one.
     */
    static List<JsonNode> vendorEntries(List<VendorDescriptor> vendors) {
        List<JsonNode> entries = new ArrayList<>();
        entries.addAll(vendorEntries("credentials", vendors, VendorDescriptor::credentials));
        entries.addAll(vendorEntries("options", vendors, VendorDescriptor::allOptions));
        return entries;
    }

    private static List<JsonNode> vendorEntries(
            String kind, List<VendorDescriptor> vendors, Function<VendorDescriptor, List<VendorSetting>> settings) {
        Map<String, Map<VendorSetting, List<String>>> byName = new TreeMap<>();
        for (VendorDescriptor d :
                vendors.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
            for (VendorSetting s : settings.apply(d)) {
                byName.computeIfAbsent(s.name(), n -> new LinkedHashMap<>())
                        .computeIfAbsent(s, x -> new ArrayList<>())
                        .add(d.name());
            }
        }
        List<JsonNode> entries = new ArrayList<>();
        byName.forEach((name, declared) -> {
            Set<String> defaults = declared.keySet().stream()
                    .map(s -> String.valueOf(s.defaultValue()))
                    .collect(Collectors.toSet());
            String common =
                    defaults.size() == 1 ? declared.keySet().iterator().next().defaultValue() : null;
            boolean literal = common != null && !common.startsWith("the ");
            List<String> parts = new ArrayList<>();
            declared.forEach((s, names) -> parts.add(String.join(", ", names) + " (" + flags(kind, s) + "): "
                    + s.doc()
                    + (s.defaultValue() != null && !literal
                            ? (s.doc().endsWith(".") ? " " : ". ") + "Default: " + s.defaultValue() + "."
                            : "")));
            ObjectNode entry = JsonNodeFactory.instance
                    .objectNode()
                    .put("name", CONNECTION + kind + "." + name)
                    .put("type", String.class.getName())
                    .put("description", String.join(" | ", parts));
            if (literal) {
                entry.put("defaultValue", common);
            }
            entries.add(entry);
        });
        return entries;
    }

    private static String flags(String kind, VendorSetting s) {
        return (s.required() ? "required" : "optional")
                + (kind.equals("credentials") ? s.secret() ? ", secret" : ", not secret" : "");
    }

    private static boolean isVendorKey(String name) {
        return name.startsWith(CONNECTION + "credentials.") || name.startsWith(CONNECTION + "options.");
    }

    private static Map<String, JsonNode> byName(Iterable<JsonNode> entries) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.path("name").asString(), e));
        return out;
    }

    /** A stated default against the code's, compared as Spring would bind the stated one. */
    private static boolean same(JsonNode stated, Object code) {
        if (code instanceof Collection<?> list) {
            List<String> values = new ArrayList<>();
            stated.forEach(v -> values.add(v.asString()));
            return stated.isArray()
                    && values.equals(list.stream().map(String::valueOf).toList());
        }
        if (code == null) {
            return false;
        }
        String text = stated.isString() ? stated.asString() : stated.toString();
        return code.equals(ApplicationConversionService.getSharedInstance().convert(text, code.getClass()));
    }

    private static JsonNode json(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Collection<?> c) {
            ArrayNode array = f.arrayNode();
            c.forEach(v -> array.add(String.valueOf(v)));
            return array;
        }
        return f.stringNode(render(value));
    }

    /** A value as a user writes it in YAML: {@code 10s}, {@code 64MB}. */
    static String render(Object value) {
        if (value instanceof Duration d) {
            long ms = d.toMillis();
            return ms % 3_600_000 == 0 && ms > 0
                    ? ms / 3_600_000 + "h"
                    : ms % 60_000 == 0 && ms > 0 ? ms / 60_000 + "m" : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
        }
        if (value instanceof DataSize s) {
            long b = s.toBytes();
            return b % (1L << 30) == 0 && b > 0
                    ? b / (1L << 30) + "GB"
                    : b % (1L << 20) == 0 && b > 0
                            ? b / (1L << 20) + "MB"
                            : b % 1024 == 0 && b > 0 ? b / 1024 + "KB" : b + "B";
        }
        return String.valueOf(value);
    }
}
