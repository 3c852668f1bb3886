package io.mediagate.contracts;

import java.time.Instant;

/**
 * An upload-from-URL job. {@code videoId} is known once the vendor has created the video (at the latest when
 * {@code ready}); {@code error} says why a {@code failed} job failed.
 */
public record Ingest(
        String id,
        String connection,
        IngestStatus status,
        String videoId,
        Integer progressPercent,
        String sourceUrl,
        Instant createdAt,
        String error) {}
