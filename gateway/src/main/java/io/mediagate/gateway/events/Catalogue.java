package io.mediagate.gateway.events;

import io.mediagate.contracts.Video;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway last knew of one connection's videos, as normalized JSON, so a listed video can be told
 * new, changed (and in which members) or unchanged. Changes made through the gateway are written here too, with
 * the time they were made, so a poll round that listed before them does not undo them.
 */
final class Catalogue {
    private final Map<String, JsonNode> videos = new HashMap<>();
    private final Map<String, Long> touchedAt = new HashMap<>();
    private boolean baseline;

    /** What a listed or changed video means against what was known: null when nothing changed. */
    record Change(EventType type, List<String> changed) {}

    synchronized boolean hasBaseline() {
        return baseline;
    }

    synchronized void baselineDone() {
        baseline = true;
    }

    /** Takes over what the cluster knew (a replica that just took the poll lease). */
    synchronized void replace(Map<String, JsonNode> shared, boolean sharedBaseline) {
        videos.clear();
        videos.putAll(shared);
        baseline = sharedBaseline;
    }

    synchronized Map<String, JsonNode> snapshot() {
        return Map.copyOf(videos);
    }

    synchronized JsonNode known(String id) {
        return videos.get(id);
    }

    /** A change made through the gateway at {@code nanos}: recorded, and returned as the change it is. */
    synchronized Change put(String id, JsonNode video, long nanos) {
        touchedAt.put(id, nanos);
        JsonNode before = videos.put(id, video);
        return before == null
                ? new Change(EventType.VIDEO_CREATED, null)
                : new Change(EventType.VIDEO_UPDATED, changed(before, video));
    }

    synchronized JsonNode remove(String id, long nanos) {
        touchedAt.put(id, nanos);
        return videos.remove(id);
    }

    /**
     * A video a poll round that began at {@code roundStart} listed: the change it shows, or null when nothing
     * changed, the round only builds the baseline, or the gateway changed the video after the round began.
     */
    synchronized Change listed(String id, JsonNode video, long roundStart) {
        Long touched = touchedAt.get(id);
        if (touched != null && touched - roundStart > 0) {
            return null;
        }
        JsonNode before = videos.put(id, video);
        if (!baseline) {
            return null;
        }
        if (before == null) {
            return new Change(EventType.VIDEO_CREATED, null);
        }
        List<String> changed = changed(before, video);
        return changed.isEmpty() ? null : new Change(EventType.VIDEO_UPDATED, changed);
    }

    /** After a complete round: the videos no longer listed, removed here and returned (none on the baseline). */
    synchronized List<JsonNode> missing(Set<String> listed, long roundStart) {
        List<JsonNode> gone = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = videos.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Long touched = touchedAt.get(e.getKey());
            if (!listed.contains(e.getKey()) && (touched == null || touched - roundStart < 0)) {
                it.remove();
                if (baseline) {
                    gone.add(e.getValue());
                }
            }
        }
        // old marks only guard rounds that were running when the change was made
        touchedAt.values().removeIf(t -> t - roundStart < 0);
        return gone;
    }

    /** Top-level members whose values differ, in wire names. */
    static List<String> changed(JsonNode before, JsonNode after) {
        List<String> out = new ArrayList<>();
        for (String name : after.propertyNames()) {
            if (!after.get(name).equals(before.get(name))) {
                out.add(name);
            }
        }
        for (String name : before.propertyNames()) {
            if (!after.has(name)) {
                out.add(name);
            }
        }
        out.sort(null);
        return out;
    }

    static JsonNode normalized(JsonMapper json, Video video) {
        return json.valueToTree(video.withoutRaw());
    }
}
