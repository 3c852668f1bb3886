package io.mediagate.sandbox.cognitive3d;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item of a Cognitive3D project media library, with the uploaded file it serves back. Fields are named as the
 * vendor's {@code GET /projects/:projectId/media} answer names them.
 */
final class C3dMedia {
    final long id;
    final long projectId;
    final String uploadId;
    String name;
    String description;
    final boolean staticMedia;
    boolean archived;
    final String fileName;
    final String contentType;
    final String externalUrl;
    final byte[] file;

    C3dMedia(
            long id,
            long projectId,
            String uploadId,
            String name,
            String description,
            boolean staticMedia,
            String fileName,
            String contentType,
            String externalUrl,
            byte[] file) {
        this.id = id;
        this.projectId = projectId;
        this.uploadId = uploadId;
        this.name = name;
        this.description = description;
        this.staticMedia = staticMedia;
        this.fileName = fileName;
        this.contentType = contentType;
        this.externalUrl = externalUrl;
        this.file = file;
    }

    /** The vendor's JSON shape (key order as in the vendor's examples). */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("uploadId", uploadId);
        json.put("staticMedia", staticMedia);
        json.put("archived", archived);
        json.put("description", description);
        json.put("thumbnailLocation", "thumbnail/full.png");
        json.put("fileName", fileName);
        json.put("contentType", contentType);
        json.put("externalUrl", externalUrl);
        return json;
    }
}
