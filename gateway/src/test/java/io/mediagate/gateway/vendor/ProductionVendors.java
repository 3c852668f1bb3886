package io.mediagate.gateway.vendor;

import io.mediagate.contracts.spi.VendorDescriptor;
import io.mediagate.contracts.spi.VideoProviderFactory;
import io.mediagate.gateway.connection.ProviderFactories;
import java.util.ArrayList;
import java.util.List;

/** The vendors the production gateway ships, for tests that check documentation against their descriptors. */
public final class ProductionVendors {
    private ProductionVendors() {}

    /** Every factory on the class path not compiled from a test tree (tinyvid, fake), by vendor id. */
    public static List<VendorDescriptor> descriptors() {
        List<VendorDescriptor> vendors = new ArrayList<>();
        for (VideoProviderFactory f : new ProviderFactories().all()) {
            String from = f.getClass()
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toString();
            if (!from.contains("test-classes") && !from.contains("-tests.jar")) {
                vendors.add(f.descriptor());
            }
        }
        return vendors;
    }
}
