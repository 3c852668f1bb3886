package io.mediagate.gateway.startup.aot;

import java.util.List;

/** Properties that decided conditions in the image's ahead-of-time build are set otherwise now. */
public class BuildTimePropertiesChangedException extends IllegalStateException {
    private final transient List<String> keys;

    BuildTimePropertiesChangedException(List<String> keys) {
        super("these settings differ from the image's ahead-of-time build: " + String.join(", ", keys));
        this.keys = List.copyOf(keys);
    }

    /** The keys, each with how it changed (set, unset, another value; never the value). */
    public List<String> keys() {
        return keys;
    }
}
