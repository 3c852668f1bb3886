package io.mediagate.gateway.policy;

/** A provider operation, as policies and metrics see it; {@code idempotent} decides whether it may be retried. */
public enum Operation {
    LIST_VIDEOS("list_videos", true),
    GET_VIDEO("get_video", true),
    UPDATE_VIDEO("update_video", false),
    DELETE_VIDEO("delete_video", false),
    INGEST_FROM_URL("ingest_from_url", false),
    INGEST_STATUS("ingest_status", true),
    CREATE_UPLOAD("create_upload", false),
    PING("ping", true),
    RAW_READ("raw", true),
    RAW_WRITE("raw", false),
    /** A connection-check probe: never retried, so the check's stated cost is what it spends. */
    CHECK("check", false);

    private final String tag;
    private final boolean idempotent;

    Operation(String tag, boolean idempotent) {
        this.tag = tag;
        this.idempotent = idempotent;
    }

    /** The metrics tag value. */
    public String tag() {
        return tag;
    }

    public boolean idempotent() {
        return idempotent;
    }
}
