package io.mediagate.contracts.spi;

import java.util.EnumSet;
import java.util.Set;

/**
 * What one vendor supports. {@code signsBody} says whether {@link VideoProvider#authorize} needs the request
 * body (a signature over it), so passthrough must buffer the body for that vendor instead of streaming it.
 * {@code refused} lists what the vendor supports but this connection may not do (a ParOne connection without
 * write credentials): those calls fail with {@code FORBIDDEN} before any vendor call, not 501.
 */
public record Capabilities(Set<Capability> supported, boolean signsBody, Set<Capability> refused) {
    public Capabilities {
        supported = supported.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(supported));
        refused = refused == null || refused.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(refused));
    }

    public Capabilities(Set<Capability> supported, boolean signsBody) {
        this(supported, signsBody, Set.of());
    }

    public static Capabilities of(Capability... capabilities) {
        return new Capabilities(capabilities.length == 0 ? Set.of() : EnumSet.of(capabilities[0], capabilities), false);
    }

    public Capabilities withSignedBody() {
        return new Capabilities(supported, true, refused);
    }

    /** The same capabilities, with these refused on this connection. */
    public Capabilities withRefused(Capability... capabilities) {
        return new Capabilities(supported, signsBody, capabilities.length == 0 ? Set.of()
                : EnumSet.of(capabilities[0], capabilities));
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
