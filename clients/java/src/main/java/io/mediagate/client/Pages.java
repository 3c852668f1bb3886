package io.mediagate.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a cursor-paged listing, fetched one page at a time as the iteration reaches it: the first page
 * is requested on the first {@code hasNext()}, the next one when the current one is used up, until a page has
 * no {@code next_cursor}. Each {@link #iterator()} starts again from the first page.
 */
public final class Pages<T> implements Iterable<T> {
    /** One page as the fetcher returns it; {@code nextCursor} is null on the last page. */
    public record Page<T>(List<T> data, String nextCursor) {}

    /** Fetches the page at a cursor (null for the first page). */
    @FunctionalInterface
    public interface Fetcher<T> {
        Page<T> fetch(String cursor);
    }

    private final Fetcher<T> fetcher;

    public Pages(Fetcher<T> fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private final Deque<T> buffered = new ArrayDeque<>();
            private String cursor;
            private boolean started;

            @Override
            public boolean hasNext() {
                // a vendor may answer an empty page that still has a cursor: keep going until data or the end
                while (buffered.isEmpty() && (!started || cursor != null)) {
                    Page<T> page = fetcher.fetch(cursor);
                    started = true;
                    buffered.addAll(page.data());
                    cursor = page.nextCursor();
                }
                return !buffered.isEmpty();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffered.removeFirst();
            }
        };
    }

    /** The items as a sequential, lazily fetched stream. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }
}
