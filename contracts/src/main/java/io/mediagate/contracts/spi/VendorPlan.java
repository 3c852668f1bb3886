package io.mediagate.contracts.spi;

import java.time.Duration;

/**
 * A vendor's documented request limit for this account (e.g. ParOne standard: 100 per minute). Adapters only
 * state it; the gateway sizes the connection's quota from it when the connection configures none.
 */
public record VendorPlan(int requests, Duration per) {}
