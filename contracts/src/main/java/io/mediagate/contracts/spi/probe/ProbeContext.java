package io.mediagate.contracts.spi.probe;

import io.mediagate.contracts.Video;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * What earlier probes of one check learned, for later ones: a sample video from the first page (null when the
 * account is empty), a tag one of the listed videos carries (null if none), and a scratch area write probes use
 * to pass on the id of the scratch video they created.
 */
public final class ProbeContext {
    private volatile Video sample;
    private volatile String sampleTag;
    private final Map<String, String> scratch = new ConcurrentHashMap<>();

    /**
     * Learns the sample video and tag from the first page: the tag is one some listed video carries and another
     * does not, where the page has one, so a filter that ignores it shows (an ignored filter returns the other).
     */
    public void seed(List<Video> firstPage) {
        if (firstPage.isEmpty()) {
            return;
        }
        sample = firstPage.get(0);
        List<String> tags =
                firstPage.stream().flatMap(v -> v.tags().stream()).distinct().toList();
        sampleTag = tags.stream()
                .filter(t -> firstPage.stream().anyMatch(v -> !v.tags().contains(t)))
                .findFirst()
                .orElse(tags.isEmpty() ? null : tags.get(0));
    }

    public Video sample() {
        return sample;
    }

    public String sampleTag() {
        return sampleTag;
    }

    /**
     * Runs {@code probe} on the scratch record an earlier probe put under {@code slot}, or skips when none was
     * created (a read-only connection, or a create the vendor refused).
     */
    public Mono<ProbeResult> onScratch(String slot, Function<String, Mono<ProbeResult>> probe) {
        String id = scratch.get(slot);
        return id == null
                ? Mono.just(ProbeResult.skipped("no scratch record was created to probe on"))
                : probe.apply(id);
    }

    /** Mutable state shared by the probes of this check, e.g. {@code scratch-id}. */
    public Map<String, String> scratch() {
        return scratch;
    }
}
