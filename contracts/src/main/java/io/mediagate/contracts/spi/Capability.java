package io.mediagate.contracts.spi;

import java.util.Locale;

/** An optional ability a vendor may lack. Listing and getting videos are not optional. */
public enum Capability {
    /** Patch title / description. */
    UPDATE,
    /** Delete a video. */
    DELETE,
    /** Upload from a URL the vendor fetches. */
    INGEST_FROM_URL,
    /** A ticket for the client to upload a file straight to the vendor. */
    DIRECT_UPLOAD,
    /** Tags on videos: read, filter by, and (with UPDATE) write. */
    TAGS,
    /** Free-text search done by the vendor. */
    SEARCH,
    /** Arbitrary string metadata on videos, writable with UPDATE. */
    METADATA;

    /** The wire name, e.g. {@code ingest_from_url}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
