package io.mediagate.contracts.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a vendor module says about itself, in one place: its vendor id, the credentials and options a connection
 * takes (with defaults and one line of documentation each), the plan quota a connection gets when it configures
 * none, the most a connection can support, and the names under which its secrets travel on the wire. The gateway
 * derives start-up validation, secret masking and the documented configuration from it, so adding a vendor edits
 * nothing outside the vendor's module but its registration.
 *
 * @param id           the value of {@code mediagate.connections.<id>.vendor}
 * @param name         the vendor's display name
 * @param credentials  the credential keys; a {@link VendorSetting#secret()} one is never logged or echoed
 * @param options      the vendor's own option keys; {@link #GUESSED_OPERATIONS} is valid for every vendor on top
 * @param plan         the documented request limit with default options, or {@code null} when none is published
 * @param capabilities the most a connection of this vendor can support (options can narrow or opt in)
 * @param secretWireNames query parameter and header names (lower case) that carry a secret on the wire, masked
 *                     in logs whatever their value (e.g. {@code api_token}); {@code secretWirePrefixes} are value
 *                     prefixes that mark what follows as secret (e.g. {@code orgkey-})
 */
public record VendorDescriptor(
        String id,
        String name,
        List<VendorSetting> credentials,
        List<VendorSetting> options,
        VendorPlan plan,
        Capabilities capabilities,
        Set<String> secretWireNames,
        Set<String> secretWirePrefixes) {

    /** The one option every vendor takes: {@code off} answers 501 for operations that rest on guesses. */
    public static final VendorSetting GUESSED_OPERATIONS = VendorSetting.plain(
            Capabilities.GUESSED_OPERATIONS_OPTION,
            "on",
            "`off` answers `501` for the unverified operations instead of trying their guessed calls");

    public VendorDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(capabilities, "capabilities");
        credentials = List.copyOf(credentials);
        options = List.copyOf(options);
        secretWireNames = secretWireNames == null ? Set.of() : Set.copyOf(secretWireNames);
        secretWirePrefixes = secretWirePrefixes == null ? Set.of() : Set.copyOf(secretWirePrefixes);
        unique(id, "credentials", credentials);
        unique(id, "options", options);
        for (VendorSetting option : options) {
            if (option.secret()) {
                throw new IllegalArgumentException(
                        id + ": option " + option.name() + " is declared secret; secrets are credentials");
            }
            if (option.name().equals(GUESSED_OPERATIONS.name())) {
                throw new IllegalArgumentException(id + ": " + option.name() + " is every vendor's; do not declare it");
            }
        }
    }

    /** A vendor whose secrets travel under no name of their own (a signature, a header value). */
    public VendorDescriptor(
            String id,
            String name,
            List<VendorSetting> credentials,
            List<VendorSetting> options,
            VendorPlan plan,
            Capabilities capabilities) {
        this(id, name, credentials, options, plan, capabilities, Set.of(), Set.of());
    }

    /** The options a connection may set: the vendor's own, then {@link #GUESSED_OPERATIONS}. */
    public List<VendorSetting> allOptions() {
        List<VendorSetting> all = new ArrayList<>(options);
        all.add(GUESSED_OPERATIONS);
        return List.copyOf(all);
    }

    /** The credential keys whose values are secret. */
    public Set<String> secretCredentials() {
        Set<String> names = new LinkedHashSet<>();
        credentials.stream().filter(VendorSetting::secret).forEach(c -> names.add(c.name()));
        return Set.copyOf(names);
    }

    public Optional<VendorSetting> credential(String name) {
        return credentials.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<VendorSetting> option(String name) {
        return allOptions().stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /**
     * Checks a connection's keys against this declaration: an unknown credential or option, or a missing
     * required one, is an {@link InvalidConnectionException} naming the full key. Values stay the adapter's to
     * validate.
     */
    public void validate(ConnectionSpec spec) {
        check(spec, "credentials", spec.credentials(), credentials);
        check(spec, "options", spec.options(), allOptions());
    }

    private void check(ConnectionSpec spec, String kind, Map<String, String> given, List<VendorSetting> declared) {
        Map<String, VendorSetting> byName = new LinkedHashMap<>();
        declared.forEach(s -> byName.put(s.name(), s));
        for (String key : new TreeSet<>(given.keySet())) {
            if (!byName.containsKey(key)) {
                throw new InvalidConnectionException(
                        spec.key(kind + "." + key),
                        "is not a" + (kind.equals("options") ? "n option" : " credential") + " of vendor " + id
                                + " (known: "
                                + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
            }
        }
        for (VendorSetting setting : declared) {
            String value = given.get(setting.name());
            if (setting.required() && (value == null || value.isBlank())) {
                throw new InvalidConnectionException(
                        spec.key(kind + "." + setting.name()), "is required for vendor " + id);
            }
        }
    }

    private static void unique(String id, String kind, List<VendorSetting> settings) {
        Set<String> seen = new LinkedHashSet<>();
        for (VendorSetting s : settings) {
            if (!seen.add(s.name())) {
                throw new IllegalArgumentException(id + ": " + kind + "." + s.name() + " is declared twice");
            }
        }
    }
}
