package io.mediagate.gateway.policy;

/**
 * A provider operation, as policies and metrics see it. Its traits switch the pipeline's stages on and off:
 * {@code idempotent} calls may be retried, {@code cacheable} reads go through the read cache, and {@code streaming}
 * calls (raw passthrough) are neither retried nor bounded by an overall deadline, since their bodies stream.
 */
public enum Operation {
    LIST_VIDEOS("list_videos", Trait.IDEMPOTENT, Trait.CACHEABLE),
    GET_VIDEO("get_video", Trait.IDEMPOTENT, Trait.CACHEABLE),
    UPDATE_VIDEO("update_video"),
    DELETE_VIDEO("delete_video"),
    INGEST_FROM_URL("ingest_from_url"),
    INGEST_STATUS("ingest_status", Trait.IDEMPOTENT),
    CREATE_UPLOAD("create_upload"),
    PING("ping", Trait.IDEMPOTENT),
    RAW_READ("raw", Trait.IDEMPOTENT, Trait.STREAMING),
    RAW_WRITE("raw", Trait.STREAMING),
    /** A connection-check probe: never retried, so the check's stated cost is what it spends. */
    CHECK("check");

    private enum Trait {
        IDEMPOTENT,
        CACHEABLE,
        STREAMING
    }

    private final String tag;
    private final boolean idempotent;
    private final boolean cacheable;
    private final boolean streaming;

    Operation(String tag, Trait... traits) {
        this.tag = tag;
        this.idempotent = has(traits, Trait.IDEMPOTENT);
        this.cacheable = has(traits, Trait.CACHEABLE);
        this.streaming = has(traits, Trait.STREAMING);
    }

    private static boolean has(Trait[] traits, Trait trait) {
        for (Trait t : traits) {
            if (t == trait) {
                return true;
            }
        }
        return false;
    }

    /** The metrics tag value. */
    public String tag() {
        return tag;
    }

    /** Repeating it changes nothing the first call did not (a read). */
    public boolean idempotent() {
        return idempotent;
    }

    /** Its answer may be served from the read cache. */
    public boolean cacheable() {
        return cacheable;
    }

    /** Its bodies stream between client and vendor: no retry, no overall deadline, no cache. */
    public boolean streaming() {
        return streaming;
    }

    /** Whether the pipeline retries it by default: idempotent and not streaming. */
    public boolean retryable() {
        return idempotent && !streaming;
    }
}
