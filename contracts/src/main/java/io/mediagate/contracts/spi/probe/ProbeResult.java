package io.mediagate.contracts.spi.probe;

import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.UnsupportedCapabilityException;
import java.util.Locale;
import java.util.Map;

/**
 * What one probe found. {@code detail} describes the vendor's answer by status and shape only (field names,
 * counts), never by values: a report is meant to be shared, so it holds no credential, token-bearing URL or body.
 */
public record ProbeResult(Verdict verdict, String detail, Map<String, String> fields) {
    /** A probe's finding. */
    public enum Verdict {
        CONFIRMED,
        REFUTED,
        SKIPPED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
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

    /**
     * What a probe's failed call says: a refuted guess or a non-retryable vendor answer refutes what the probe
     * tests; an unsupported capability or a retryable failure (the vendor was away) teaches nothing, so skipped.
     */
    public static ProbeResult ofFailure(Throwable e) {
        if (e instanceof GuessRefutedException guess) {
            return refuted(
                    "the vendor does not answer " + guess.route() + " (vendor status " + guess.vendorStatus() + ")");
        }
        if (e instanceof UnsupportedCapabilityException unsupported) {
            return skipped(
                    "this connection does not offer " + unsupported.capability().wireName());
        }
        if (e instanceof ProviderException vendor) {
            if (vendor.retryable()) {
                return skipped("the vendor was unavailable (" + vendor.kind().slug() + ", vendor status "
                        + vendor.vendorStatus() + "); nothing learnt, run the check again");
            }
            return refuted(
                    "the vendor answered " + vendor.kind().slug() + " (vendor status " + vendor.vendorStatus() + ")");
        }
        return skipped("the probe could not run (" + e.getClass().getSimpleName() + ")");
    }

    /** The same verdict with more said. */
    public ProbeResult withDetailSuffix(String more) {
        return new ProbeResult(verdict, detail + more, fields);
    }

    /** The same result with a field-presence map ({@code title → present}). */
    public ProbeResult withFields(Map<String, String> presence) {
        return new ProbeResult(verdict, detail, presence);
    }
}
