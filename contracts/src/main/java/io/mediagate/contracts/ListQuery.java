package io.mediagate.contracts;

/**
 * Arguments of a video listing. {@code cursor} is null for the first page, else a value a previous page
 * returned as {@code nextCursor}; {@code q} is free-text search and {@code tag} a tag filter, both optional.
 */
public record ListQuery(int limit, String cursor, String q, String tag, boolean includeRaw) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public ListQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static ListQuery first(int limit) {
        return new ListQuery(limit, null, null, null, false);
    }

    public ListQuery withCursor(String next) {
        return new ListQuery(limit, next, q, tag, includeRaw);
    }
}
