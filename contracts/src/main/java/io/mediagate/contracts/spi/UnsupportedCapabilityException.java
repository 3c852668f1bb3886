package io.mediagate.contracts.spi;

/** The vendor behind a connection cannot do what was asked; the gateway answers 501 naming the capability. */
public class UnsupportedCapabilityException extends RuntimeException {
    private final Capability capability;

    public UnsupportedCapabilityException(Capability capability) {
        super("the vendor does not support " + capability.wireName());
        this.capability = capability;
    }

    public Capability capability() {
        return capability;
    }
}
