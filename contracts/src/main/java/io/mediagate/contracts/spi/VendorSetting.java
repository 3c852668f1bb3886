package io.mediagate.contracts.spi;

import java.util.Objects;

/**
 * One credential or option a vendor's connections take, as the vendor module declares it: its kebab-case name
 * (the key under {@code credentials.} or {@code options.}), whether its value is a secret (masked in logs and
 * scrubbed from raw answers; only credentials can be), whether it is required, its default as a user reads it
 * ({@code null}: none) and one line of documentation.
 */
public record VendorSetting(String name, boolean secret, boolean required, String defaultValue, String doc) {
    public VendorSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(doc, "doc");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a setting name is kebab-case: " + name);
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException(name + " is required and so has no default");
        }
    }

    /** A required secret credential. */
    public static VendorSetting secret(String name, String doc) {
        return new VendorSetting(name, true, true, null, doc);
    }

    /** An optional secret credential. */
    public static VendorSetting optionalSecret(String name, String doc) {
        return new VendorSetting(name, true, false, null, doc);
    }

    /** A non-secret credential or option with a default ({@code null}: unset unless configured). */
    public static VendorSetting plain(String name, String defaultValue, String doc) {
        return new VendorSetting(name, false, false, defaultValue, doc);
    }

    /** A required non-secret credential or option. */
    public static VendorSetting requiredPlain(String name, String doc) {
        return new VendorSetting(name, false, true, null, doc);
    }
}
