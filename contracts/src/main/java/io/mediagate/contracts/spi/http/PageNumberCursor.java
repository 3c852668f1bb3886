package io.mediagate.contracts.spi.http;

import io.mediagate.contracts.spi.ProviderException;

/**
 * The vendor cursor of APIs that page by number ({@code page} + page size): {@code p<page>.<size>}. The size is
 * part of the cursor because page numbers only line up while it stays the same.
 */
public record PageNumberCursor(int page, int size) {

    /** The first page for {@code limit}, or the page a cursor names; a forged cursor or changed limit is a 400. */
    public static PageNumberCursor parse(String cursor, int limit) {
        if (cursor == null) {
            return new PageNumberCursor(1, limit);
        }
        try {
            String[] parts = cursor.substring(1).split("\\.");
            int page = Integer.parseInt(parts[0]);
            int size = Integer.parseInt(parts[1]);
            if (cursor.charAt(0) == 'p' && parts.length == 2 && page >= 1 && size == limit) {
                return new PageNumberCursor(page, size);
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new ProviderException(
                ProviderException.Kind.INVALID_REQUEST,
                "the cursor does not fit this listing; keep the same limit while paging");
    }

    /** The cursor of the following page. */
    public String next() {
        return "p" + (page + 1) + "." + size;
    }
}
