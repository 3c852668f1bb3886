package io.mediagate.gateway.check;

import java.util.List;
import java.util.Map;

/**
 * What a connection check found, meant to be shared: probe names, verdicts and answer shapes only; no
 * credential, no token-bearing URL, no vendor body.
 *
 * @param connection       the connection checked
 * @param vendor           its vendor
 * @param writes           whether write probes ran
 * @param vendorCallsAtMost the most vendor calls the check makes (stated before it runs)
 * @param probes           each probe, in the order run
 * @param summary          what the probes say about the connection's unverified operations
 * @param passed           the credentials hold, and no probe of a normalized call or of an operation was refuted
 */
public record CheckReport(
        String connection,
        String vendor,
        boolean writes,
        int vendorCallsAtMost,
        List<Probe> probes,
        Summary summary,
        boolean passed) {

    /** One probe's outcome; {@code fields} maps normalized field names to {@code present} / {@code absent}. */
    public record Probe(
            String name,
            String guessedCall,
            String capability,
            String verdict,
            String detail,
            Map<String, String> fields) {}

    /**
     * The unverified operations this connection can now trust (confirmed, none refuted), those refuted, and those
     * no probe settled (for example write probes without {@code writes=true}).
     */
    public record Summary(List<String> trusted, List<String> refuted, List<String> unsettled) {}
}
