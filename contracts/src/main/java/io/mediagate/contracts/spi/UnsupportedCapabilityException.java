package io.mediagate.contracts.spi;

import java.util.Map;

/** The vendor behind a connection cannot do what was asked; the gateway answers 501 naming the capability. */
public non-sealed class UnsupportedCapabilityException extends GatewayRefusal {
    private final Capability capability;

    public UnsupportedCapabilityException(Capability capability) {
        super(
                501,
                "unsupported-capability",
                "Not supported by this vendor",
                false,
                null,
                "unsupported_capability",
                "the vendor does not support " + capability.wireName(),
                null);
        this.capability = capability;
    }

    public Capability capability() {
        return capability;
    }

    @Override
    public Map<String, Object> problemMembers() {
        return Map.of("capability", capability.wireName());
    }
}
