package io.mediagate.gateway.policy;

/** A provider operation, as policies and metrics see it; {@code idempotent} decides whether it may be retried. */
public enum Operation {
    LIST_VIDEOS("list_videos", true, true),
    GET_VIDEO("get_video", true, true),
    UPDATE_VIDEO("update_video", false, false),
    DELETE_VIDEO("delete_video", false, false),
    INGEST_FROM_URL("ingest_from_url", false, false),
    INGEST_STATUS("ingest_status", true, true),
    CREATE_UPLOAD("create_upload", false, false),
    PING("ping", true, true),
    RAW_READ("raw", true, true),
    RAW_WRITE("raw", false, false);

    private final String tag;
    private final boolean idempotent;
    private final boolean read;

    Operation(String tag, boolean idempotent, boolean read) {
        this.tag = tag;
        this.idempotent = idempotent;
        this.read = read;
    }

    /** The metrics tag value. */
    public String tag() {
        return tag;
    }

    public boolean idempotent() {
        return idempotent;
    }

    public boolean read() {
        return read;
    }
}
