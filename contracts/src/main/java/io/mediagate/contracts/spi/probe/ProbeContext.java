package io.mediagate.contracts.spi.probe;

import io.mediagate.contracts.Video;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What earlier probes of one check learned, for later ones: a sample video from the first page (null when the
 * account is empty), a tag one of the listed videos carries (null if none), and a scratch area write probes use
 * to pass on the id of the scratch video they created.
 */
public final class ProbeContext {
    private volatile Video sample;
    private volatile String sampleTag;
    private final Map<String, String> scratch = new ConcurrentHashMap<>();

    public Video sample() {
        return sample;
    }

    public void sample(Video video) {
        this.sample = video;
    }

    public String sampleTag() {
        return sampleTag;
    }

    public void sampleTag(String tag) {
        this.sampleTag = tag;
    }

    /** Mutable state shared by the probes of this check, e.g. {@code scratch-id}. */
    public Map<String, String> scratch() {
        return scratch;
    }
}
