package io.mediagate.adapters.parone.internal;

import io.mediagate.contracts.spi.GuessRefutedException;

/**
 * ParOne created the content record but its answer has no {@code uploadUrl} (the stored content page stops before
 * the upload mechanism, so that field is a guess). The content key is in the message: the record now exists at
 * ParOne, and the caller can finish it ({@code POST /content/complete}) or remove it instead of leaving an orphan.
 */
public final class UploadUrlMissingException extends GuessRefutedException {
    private final String contentKey;

    public UploadUrlMissingException(String route, String contentKey, int vendorStatus) {
        super(route + " answering data.uploadUrl", null, vendorStatus);
        this.contentKey = contentKey;
    }

    /** The key of the content record ParOne created. */
    public String contentKey() {
        return contentKey;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + "; ParOne did create content " + contentKey + " without an upload URL";
    }
}
