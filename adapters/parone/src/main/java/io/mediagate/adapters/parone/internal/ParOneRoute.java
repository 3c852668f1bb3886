package io.mediagate.adapters.parone.internal;

import io.mediagate.contracts.spi.ConnectionSpec;
import io.mediagate.contracts.spi.InvalidConnectionException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * A configurable ParOne write route, {@code "<METHOD> <path>"} relative to the base URL, such as
 * {@code "DELETE /content/{contentKey}"}. ParOne's content page promises update and delete but the stored copy
 * stops before naming them, so the whole route is an option: with {@code {contentKey}} in the path the key goes
 * there, otherwise it is sent as {@code contentKey} in the JSON body.
 */
public record ParOneRoute(String option, HttpMethod method, String template) {
    static final String KEY = "{contentKey}";

    /** Parses option {@code name} of {@code spec}, falling back to {@code fallback}; methods outside {@code allowed} fail start-up. */
    static ParOneRoute parse(ConnectionSpec spec, String name, String fallback, Set<String> allowed) {
        String value = spec.option(name, fallback).trim();
        String[] parts = value.split("\\s+");
        String method = parts[0].toUpperCase(Locale.ROOT);
        if (parts.length != 2 || !allowed.contains(method) || !parts[1].startsWith("/") || parts[1].indexOf('?') >= 0) {
            throw new InvalidConnectionException(
                    spec.key("options." + name),
                    "must be \"<METHOD> /path\" with " + "METHOD one of " + allowed
                            + " and {contentKey} where the key goes (else it goes in the body)");
        }
        return new ParOneRoute(name, HttpMethod.valueOf(method), parts[1]);
    }

    /** Whether the content key goes in the path (else in the body). */
    public boolean keyInPath() {
        return template.contains(KEY);
    }

    /** The path for {@code encodedKey}, already URL-encoded. */
    public String path(String encodedKey) {
        return template.replace(KEY, encodedKey);
    }

    /** The route as operators configure it and problems name it. */
    @Override
    public String toString() {
        return method.name() + " " + template;
    }
}
