package io.mediagate.contracts.spi.probe;

import java.util.Map;

/**
 * What one probe found. {@code detail} describes the vendor's answer by status and shape only (field names,
 * counts), never by values: a report is meant to be shared, so it holds no credential, token-bearing URL or body.
 */
public record ProbeResult(Verdict verdict, String detail, Map<String, String> fields) {
    /** A probe's finding. */
    public enum Verdict {
        CONFIRMED, REFUTED, SKIPPED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ProbeResult {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static ProbeResult confirmed(String detail) {
        return new ProbeResult(Verdict.CONFIRMED, detail, null);
    }

    public static ProbeResult refuted(String detail) {
        return new ProbeResult(Verdict.REFUTED, detail, null);
    }

    public static ProbeResult skipped(String reason) {
        return new ProbeResult(Verdict.SKIPPED, reason, null);
    }

    /** The same result with a field-presence map ({@code title → present}). */
    public ProbeResult withFields(Map<String, String> presence) {
        return new ProbeResult(verdict, detail, presence);
    }
}
