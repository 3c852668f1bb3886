package io.mediagate.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem document being assembled: standard members first, then extensions. */
public final class Problem {
    public static final String TYPE_BASE = "https://mediagate.dev/problems/";

    private final int status;
    private final Map<String, Object> body = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Problem(int status, String slug, String title, String detail) {
        this.status = status;
        body.put("type", TYPE_BASE + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
    }

    public Problem with(String member, Object value) {
        if (value != null) {
            body.put(member, value);
        }
        return this;
    }

    public Problem withAll(Map<String, Object> members) {
        members.forEach(this::with);
        return this;
    }

    public Problem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
