package io.mediagate.client;

import java.util.Optional;

/**
 * The answer to a conditional read ({@code If-None-Match}): either the current value with its {@code ETag}, or
 * "not modified" (a 304, which is a result here, not an error) with the validator that still matches.
 */
public record Conditional<T>(T value, String etag, boolean notModified) {

    static <T> Conditional<T> modified(T value, String etag) {
        return new Conditional<>(value, etag, false);
    }

    static <T> Conditional<T> unchanged(String etag) {
        return new Conditional<>(null, etag, true);
    }

    /** The value, when it was sent (absent on a 304). */
    public Optional<T> current() {
        return Optional.ofNullable(value);
    }
}
