package io.mediagate.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A client-facing failure decided by the gateway itself (bad input, unknown connection, auth); rendered as an
 * RFC 9457 problem whose {@code type} ends in {@code slug}, with {@code extensions} as extra members.
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public static ApiException badRequest(String slug, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, slug, "Bad request", detail);
    }

    /** A 400 naming the offending request member ({@code field}). */
    public static ApiException invalidField(String field, String detail) {
        return badRequest("invalid-field", detail).with("field", field);
    }

    public static ApiException notFound(String slug, String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, slug, "Not found", detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail)
                .withHeader("WWW-Authenticate", "Bearer realm=\"mediagate\"");
    }

    public static ApiException forbidden(String slug, String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, slug, "Forbidden", detail);
    }

    public ApiException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
