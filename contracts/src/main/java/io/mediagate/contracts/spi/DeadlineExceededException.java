package io.mediagate.contracts.spi;

import java.time.Duration;

/**
 * No answer from the vendor within the request's deadline ({@code timeout}, retries and waits included). An
 * {@link Kind#UNAVAILABLE} (503 {@code vendor-unavailable}, retryable) like any vendor that does not answer, and a
 * sign of a sick vendor; its own {@link #code()} tells spans and logs that the deadline, not the vendor, ended it.
 */
public class DeadlineExceededException extends ProviderException {

    /** The deadline of {@code deadline} ran out. */
    public DeadlineExceededException(Duration deadline) {
        super(
                Kind.UNAVAILABLE,
                "no answer from the vendor within the " + deadline.toMillis() + " ms deadline",
                null,
                0,
                null);
    }

    /** The connection's deadline ran out, its length not at hand. */
    public DeadlineExceededException() {
        super(Kind.UNAVAILABLE, "no answer from the vendor within the connection's deadline", null, 0, null);
    }

    @Override
    public String code() {
        return "deadline_exceeded";
    }
}
