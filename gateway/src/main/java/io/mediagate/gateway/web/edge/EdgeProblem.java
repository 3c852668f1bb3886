package io.mediagate.gateway.web.edge;

import io.mediagate.gateway.web.Problem;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A problem answered at the socket, before any handler runs: a complete HTTP/1.1 response with an RFC 9457 body,
 * {@code X-Request-Id} and {@code Connection: close} (after a malformed request nothing more on the connection
 * can be trusted). {@code allow} is the {@code Allow} header of a 405, else null.
 */
record EdgeProblem(int status, String slug, String title, String detail, String allow) {
    EdgeProblem(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, null);
    }

    byte[] response() {
        String id = UUID.randomUUID().toString();
        String body = "{\"type\":\"" + Problem.TYPE_BASE + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"request_id\":\""
                + id + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + title + "\r\n"
                + "Content-Type: application/problem+json\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "X-Request-Id: " + id + "\r\n"
                + (allow == null ? "" : "Allow: " + allow + "\r\n")
                + "Connection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + bytes.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(bytes, 0, all, h.length, bytes.length);
        return all;
    }
}
