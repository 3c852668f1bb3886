package io.mediagate.sandbox;

import java.util.Locale;

/**
 * What a simulator models. {@link #DOCUMENTED} (the default) does only what the vendor documents: an undocumented
 * route, action or argument answers the way the vendor answers an unknown one, and fields a request does not ask
 * for are not returned. {@link #GUESSED} adds, on top, the wire calls the adapter relies on without evidence
 * (each simulator lists them), so the guessed paths stay tested. See {@code shared/vendors/README.md}.
 */
public enum SimulatorMode {
    DOCUMENTED,
    GUESSED;

    /** Parses {@code documented} or {@code guessed}, case-insensitively. */
    public static SimulatorMode parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
