package io.mediagate.contracts;

import java.util.List;

/**
 * One page of results. {@code nextCursor} is the vendor's own paging state, opaque to callers and
 * {@code null} on the last page.
 */
public record Page<T>(List<T> data, String nextCursor) {
    public Page {
        data = List.copyOf(data);
    }
}
