package io.mediagate.contracts.spi;

import java.util.EnumSet;
import java.util.Set;

/**
 * What one vendor supports. {@code signsBody} says whether {@link VideoProvider#authorize} needs the request
 * body (a signature over it), so passthrough must buffer the body for that vendor instead of streaming it.
 * {@code refused} lists what the vendor supports but this connection may not do (a ParOne connection without
 * write credentials): those calls fail with {@code FORBIDDEN} before any vendor call, not 501.
 * {@code unverified} lists supported capabilities whose wire calls rest on guesses (no vendor documentation or
 * official SDK shows them, see {@code shared/vendors/README.md}): they may fail against the real vendor with a
 * 502 naming the guessed route and the option that selects it, and a connection can switch them off.
 */
public record Capabilities(
        Set<Capability> supported, boolean signsBody, Set<Capability> refused, Set<Capability> unverified) {
    /** The connection option that switches unverified capabilities off ({@code off}) or on ({@code on}, default). */
    public static final String GUESSED_OPERATIONS_OPTION = "guessed-operations";

    public Capabilities {
        supported = copy(supported);
        refused = copy(refused);
        unverified = copy(unverified);
        if (!supported.containsAll(unverified)) {
            throw new IllegalArgumentException("unverified capabilities must be supported: " + unverified);
        }
    }

    public Capabilities(Set<Capability> supported, boolean signsBody, Set<Capability> refused) {
        this(supported, signsBody, refused, Set.of());
    }

    public Capabilities(Set<Capability> supported, boolean signsBody) {
        this(supported, signsBody, Set.of(), Set.of());
    }

    public static Capabilities of(Capability... capabilities) {
        return new Capabilities(set(capabilities), false);
    }

    public Capabilities withSignedBody() {
        return new Capabilities(supported, true, refused, unverified);
    }

    /** The same capabilities, with these refused on this connection. */
    public Capabilities withRefused(Capability... capabilities) {
        return new Capabilities(supported, signsBody, set(capabilities), unverified);
    }

    /** The same capabilities, with these marked as resting on guessed wire calls. */
    public Capabilities withUnverified(Capability... capabilities) {
        return new Capabilities(supported, signsBody, refused, set(capabilities));
    }

    /** The same capabilities without the unverified ones: what a connection with guessed operations off offers. */
    public Capabilities withoutUnverified() {
        EnumSet<Capability> kept = supported.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(supported);
        kept.removeAll(unverified);
        Set<Capability> stillRefused = EnumSet.noneOf(Capability.class);
        stillRefused.addAll(refused);
        stillRefused.retainAll(kept);
        return new Capabilities(kept, signsBody, stillRefused, Set.of());
    }

    public boolean supports(Capability capability) {
        return supported.contains(capability);
    }

    /** Whether the capability is supported but rests on a guessed wire call. */
    public boolean isUnverified(Capability capability) {
        return unverified.contains(capability);
    }

    /** Fails with {@link UnsupportedCapabilityException} when the capability is missing. */
    public void require(Capability capability) {
        if (!supports(capability)) {
            throw new UnsupportedCapabilityException(capability);
        }
    }

    private static Set<Capability> copy(Set<Capability> capabilities) {
        return capabilities == null || capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    }

    private static Set<Capability> set(Capability... capabilities) {
        return capabilities.length == 0 ? Set.of() : EnumSet.of(capabilities[0], capabilities);
    }
}
