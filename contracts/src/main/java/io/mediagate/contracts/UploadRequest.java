package io.mediagate.contracts;

/** Ask for a direct-upload ticket for one file; every field but {@code filename} is optional. */
public record UploadRequest(String filename, String contentType, Long sizeBytes, String title, String description) {

    /** A request without a description. */
    public UploadRequest(String filename, String contentType, Long sizeBytes, String title) {
        this(filename, contentType, sizeBytes, title, null);
    }
}
