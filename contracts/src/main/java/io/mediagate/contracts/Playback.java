package io.mediagate.contracts;

/** Where a video can be played: an embeddable player page and/or an HLS manifest, each null when unknown. */
public record Playback(String embedUrl, String hlsUrl) {
    public static final Playback NONE = new Playback(null, null);
}
