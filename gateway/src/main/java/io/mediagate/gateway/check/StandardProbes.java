package io.mediagate.gateway.check;

import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Page;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.probe.ProbeContext;
import io.mediagate.contracts.spi.probe.ProbeResult;
import io.mediagate.contracts.spi.probe.WireProbe;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * The vendor-neutral probes every check runs through the normalized calls: credentials, one page and the next,
 * one video's fields, and (where claimed) the normalized tag filter. One vendor call each.
 */
final class StandardProbes {
    private static final int PAGE = 2;

    private StandardProbes() {}

    static List<WireProbe> of(VideoProvider provider) {
        List<WireProbe> probes = new ArrayList<>();
        probes.add(WireProbe.read(
                "credentials",
                null,
                null,
                ctx -> provider.ping()
                        .map(h -> h.up()
                                ? ProbeResult.confirmed("the vendor accepted the credentials")
                                : ProbeResult.refuted("the vendor answered, but not as up"))));
        probes.add(WireProbe.read(
                "list.first-page",
                null,
                null,
                ctx -> provider.listVideos(ListQuery.first(PAGE)).map(page -> firstPage(ctx, page))));
        probes.add(WireProbe.read("list.next-page", null, null, ctx -> nextPage(provider, ctx)));
        probes.add(WireProbe.read(
                "get.fields",
                null,
                null,
                ctx -> ctx.sample() == null
                        ? Mono.just(ProbeResult.skipped("the account lists no video"))
                        : provider.getVideo(ctx.sample().id()).map(StandardProbes::fields)));
        if (provider.capabilities().supports(Capability.TAGS)) {
            probes.add(WireProbe.read("tag-filter", null, null, ctx -> tagFilter(provider, ctx)));
        }
        return probes;
    }

    private static ProbeResult firstPage(ProbeContext ctx, Page<Video> page) {
        if (!page.data().isEmpty()) {
            ctx.seed(page.data());
            ctx.scratch()
                    .put(
                            "first-page-ids",
                            String.join(",", page.data().stream().map(Video::id).toList()));
        }
        if (page.nextCursor() != null) {
            ctx.scratch().put("next-cursor", page.nextCursor());
        }
        return ProbeResult.confirmed("listed " + page.data().size() + " of at most " + PAGE + " videos, "
                + (page.nextCursor() == null ? "no further page" : "with a cursor to the next page"));
    }

    private static Mono<ProbeResult> nextPage(VideoProvider provider, ProbeContext ctx) {
        String cursor = ctx.scratch().get("next-cursor");
        if (cursor == null) {
            return Mono.just(ProbeResult.skipped("the first page was the last one"));
        }
        Set<String> first = new HashSet<>(
                List.of(ctx.scratch().getOrDefault("first-page-ids", "").split(",")));
        return provider.listVideos(ListQuery.first(PAGE).withCursor(cursor)).map(page -> {
            long repeated =
                    page.data().stream().filter(v -> first.contains(v.id())).count();
            if (page.data().isEmpty()) {
                return ProbeResult.refuted("the cursor led to an empty page");
            }
            return repeated == 0
                    ? ProbeResult.confirmed("the next page holds " + page.data().size() + " other videos")
                    : ProbeResult.refuted(repeated + " video(s) of the first page came again on the next");
        });
    }

    private static ProbeResult fields(Video v) {
        Map<String, String> presence = new LinkedHashMap<>();
        presence.put("title", present(v.title() != null && !v.title().isEmpty()));
        presence.put(
                "description",
                present(v.description() != null && !v.description().isEmpty()));
        presence.put("duration_seconds", present(v.durationSeconds() != null));
        presence.put("status", present(v.status() != null));
        presence.put("created_at", present(v.createdAt() != null));
        presence.put("updated_at", present(v.updatedAt() != null));
        presence.put("thumbnail_url", present(v.thumbnailUrl() != null));
        presence.put("tags", present(!v.tags().isEmpty()));
        presence.put("metadata", present(!v.metadata().isEmpty()));
        presence.put("playback.embed_url", present(v.playback().embedUrl() != null));
        presence.put("playback.hls_url", present(v.playback().hlsUrl() != null));
        long absent = presence.values().stream().filter("absent"::equals).count();
        return ProbeResult.confirmed(
                        "got the listed video; " + absent + " of " + presence.size() + " normalized fields empty")
                .withFields(presence);
    }

    private static String present(boolean present) {
        return present ? "present" : "absent";
    }

    private static Mono<ProbeResult> tagFilter(VideoProvider provider, ProbeContext ctx) {
        String tag = ctx.sampleTag();
        if (tag == null) {
            return Mono.just(ProbeResult.skipped("no video on the first page carries a tag"));
        }
        return provider.listVideos(new ListQuery(50, null, null, tag, false)).map(page -> {
            long untagged =
                    page.data().stream().filter(v -> !v.tags().contains(tag)).count();
            if (untagged > 0) {
                return ProbeResult.refuted(
                        untagged + " of " + page.data().size() + " videos returned for a tag do not carry it");
            }
            if (page.data().isEmpty()) {
                return page.nextCursor() == null
                        ? ProbeResult.refuted("a tag a listed video carries found no video")
                        : ProbeResult.skipped("the first filtered page is empty but has a next page");
            }
            return ProbeResult.confirmed(page.data().size() + " videos returned, all carrying the tag");
        });
    }
}
