package io.mediagate.gateway.connection;

import io.mediagate.contracts.spi.VideoProviderFactory;
import java.util.Collection;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The adapters on the class path, by vendor name, found through {@link ServiceLoader}. */
public final class ProviderFactories {
    private final Map<String, VideoProviderFactory> byVendor = new TreeMap<>();

    public ProviderFactories() {
        ServiceLoader.load(VideoProviderFactory.class, getClass().getClassLoader())
                .forEach(f -> byVendor.put(f.vendor(), f));
    }

    public VideoProviderFactory find(String vendor) {
        return byVendor.get(vendor);
    }

    /** Every factory found, by vendor name. */
    public Collection<VideoProviderFactory> all() {
        return byVendor.values();
    }

    public Set<String> vendors() {
        return byVendor.keySet();
    }
}
