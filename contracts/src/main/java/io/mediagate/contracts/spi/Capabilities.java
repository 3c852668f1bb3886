package io.mediagate.contracts.spi;

import java.util.EnumSet;
import java.util.Set;

/**
 * What one vendor supports. {@code signsBody} says whether {@link VideoProvider#authorize} needs the request
 * body (a signature over it), so passthrough must buffer the body for that vendor instead of streaming it.
 */
public record Capabilities(Set<Capability> supported, boolean signsBody) {
    public Capabilities {
        supported = supported.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(supported));
    }

    public static Capabilities of(Capability... capabilities) {
        return new Capabilities(capabilities.length == 0 ? Set.of() : EnumSet.of(capabilities[0], capabilities), false);
    }

    public Capabilities withSignedBody() {
        return new Capabilities(supported, true);
    }

    public boolean supports(Capability capability) {
        return supported.contains(capability);
    }

    /** Fails with {@link UnsupportedCapabilityException} when the capability is missing. */
    public void require(Capability capability) {
        if (!supports(capability)) {
            throw new UnsupportedCapabilityException(capability);
        }
    }
}
