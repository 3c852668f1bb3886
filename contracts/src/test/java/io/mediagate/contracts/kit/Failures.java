package io.mediagate.contracts.kit;

import io.mediagate.contracts.spi.ProviderException;

/** Test helper: the {@link ProviderException} a blocking call ends with. */
public final class Failures {
    private Failures() {}

    public static ProviderException providerFailure(Runnable call) {
        try {
            call.run();
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected a ProviderException");
    }
}
