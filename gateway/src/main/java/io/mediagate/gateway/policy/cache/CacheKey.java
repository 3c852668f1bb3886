package io.mediagate.gateway.policy.cache;

/**
 * What a cached response answers: a single video ({@code video} = its id) or one list page ({@code video} null),
 * with every argument that changes the response, the response variant ({@code raw}) included.
 */
public record CacheKey(String video, String listArgs, boolean raw) {
    public static CacheKey video(String id, boolean raw) {
        return new CacheKey(id, null, raw);
    }

    public static CacheKey list(int limit, String cursor, String q, String tag, boolean raw) {
        return new CacheKey(null, limit + "\u0000" + cursor + "\u0000" + q + "\u0000" + tag, raw);
    }

    public boolean isList() {
        return video == null;
    }

    /** A rough heap cost of the key itself, for the cache's weigher. */
    int weight() {
        return 64 + 2 * ((video == null ? 0 : video.length()) + (listArgs == null ? 0 : listArgs.length()));
    }
}
