package io.mediagate.contracts.spi.probe;

import io.mediagate.contracts.spi.Capability;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * One probe of a wire assumption against the connection's real vendor, run by the connection check. A probe makes
 * at most one vendor call (so the check can state its cost before it runs), reads no existing data beyond one
 * page and one video, and writes only to a scratch video that an earlier probe of the same check created.
 *
 * @param name        stable probe name, e.g. {@code tag-argument}
 * @param guessedCall the guessed wire call the probe settles, e.g. {@code item/view keywords=<tag>}; null when
 *                    the probe checks a documented call
 * @param capability  the unverified capability a confirmation vouches for, or null
 * @param writes      whether the probe writes (runs only when the check is asked to probe writes)
 * @param run         the probe itself; it reports confirmed, refuted or skipped and never throws for a refutation
 */
public record WireProbe(
        String name,
        String guessedCall,
        Capability capability,
        boolean writes,
        Function<ProbeContext, Mono<ProbeResult>> run) {

    /** A read probe of a guessed call. */
    public static WireProbe read(
            String name, String guessedCall, Capability capability, Function<ProbeContext, Mono<ProbeResult>> run) {
        return new WireProbe(name, guessedCall, capability, false, run);
    }

    /** A write probe of a guessed call, run only with {@code writes=true}. */
    public static WireProbe write(
            String name, String guessedCall, Capability capability, Function<ProbeContext, Mono<ProbeResult>> run) {
        return new WireProbe(name, guessedCall, capability, true, run);
    }
}
