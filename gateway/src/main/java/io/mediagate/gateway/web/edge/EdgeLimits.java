package io.mediagate.gateway.web.edge;

import java.time.Duration;

/** The bounds {@link RequestHeadGuard} enforces at the socket; see {@link EdgeProperties} for their keys. */
public record EdgeLimits(int maxRequestLine, int maxHeaderBytes, Duration headerReadTimeout, Duration idleTimeout) {}
