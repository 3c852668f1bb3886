package io.mediagate.contracts.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mediagate.contracts.Health;
import io.mediagate.contracts.Ingest;
import io.mediagate.contracts.IngestRequest;
import io.mediagate.contracts.IngestStatus;
import io.mediagate.contracts.ListQuery;
import io.mediagate.contracts.Page;
import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.UploadTicket;
import io.mediagate.contracts.Video;
import io.mediagate.contracts.VideoPatch;
import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.GuardedVideoProvider;
import io.mediagate.contracts.spi.GuessRefutedException;
import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.contracts.spi.ProviderException;
import io.mediagate.contracts.spi.ProviderException.Kind;
import io.mediagate.contracts.spi.UnsupportedCapabilityException;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.contracts.spi.probe.ProbeContext;
import io.mediagate.contracts.spi.probe.ProbeResult;
import io.mediagate.contracts.spi.probe.WireProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The behaviour the gateway relies on, run against every adapter (with its vendor simulator) and against
 * {@link FakeVideoProvider}. A subclass supplies providers and a way to make the vendor misbehave once.
 * Capabilities a vendor lacks are asserted to fail cleanly, never skipped.
 */
public abstract class VideoProviderContract {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** A provider with working credentials against freshly seeded vendor state (at least 5 videos). */
    protected abstract VideoProvider provider();

    /** {@link #provider()} behind the guard the gateway puts around every provider: what the gateway calls. */
    private VideoProvider guarded() {
        return GuardedVideoProvider.guard(provider(), true);
    }

    /** The same vendor, wrong credentials. */
    protected abstract VideoProvider providerWithBadCredentials();

    /** Puts the vendor back to its seeded state; called before each scenario. */
    protected abstract void resetVendor();

    /** The vendor's next answer is its own rate-limit answer asking to wait {@code retryAfter}. */
    protected abstract void vendorRateLimitsNextCall(Duration retryAfter);

    /** The vendor's next answer is a server error (5xx or the vendor's equivalent). */
    protected abstract void vendorFailsNextCall();

    /** The vendor's next answer is a 200 whose body is not the JSON it promises. */
    protected abstract void vendorAnswersMalformedNextCall();

    /** Credential values of {@link #provider()}, which must never appear in an error message. */
    protected abstract Set<String> secrets();

    /**
     * Whether the vendor behind {@link #provider()} answers the wire calls the adapter guesses (a simulator in
     * its guessed mode). When false (documented mode), operations flagged unverified may fail, but only cleanly.
     */
    protected boolean guessesHold() {
        return true;
    }

    /**
     * Probes of guesses whose alternative the documented simulator does not model (the documentation names the
     * field but shows no other shape), so they confirm against it too. Each one needs a comment saying why.
     */
    protected Set<String> unrefutableProbes() {
        return Set.of();
    }

    /** An id the vendor accepts syntactically but does not hold. */
    protected String unknownVideoId() {
        return "zzNotThere01";
    }

    /** The Retry-After the adapter reports after {@link #vendorRateLimitsNextCall}; override if the vendor sends none. */
    protected Duration expectedRetryAfter(Duration injected) {
        return injected;
    }

    @BeforeEach
    void seedVendor() {
        resetVendor();
    }

    protected static <T> T await(Mono<T> mono) {
        return mono.block(WAIT);
    }

    protected static ProviderException failure(Mono<?> mono) {
        return catchThrowableOfType(ProviderException.class, () -> await(mono));
    }

    protected List<Video> listAll(VideoProvider provider, int pageSize) {
        List<Video> all = new ArrayList<>();
        ListQuery query = ListQuery.first(pageSize);
        for (int pages = 0; pages < 100; pages++) {
            Page<Video> page = await(provider.listVideos(query));
            assertThat(page.data()).hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(page.data());
            if (page.nextCursor() == null) {
                return all;
            }
            query = query.withCursor(page.nextCursor());
        }
        throw new AssertionError("paging did not end after 100 pages");
    }

    @Test
    void listsEveryVideoOnceWhenPagingToTheEnd() {
        VideoProvider p = guarded();
        List<Video> all = listAll(p, 2);
        assertThat(all).hasSizeGreaterThanOrEqualTo(5);
        Set<String> ids = new HashSet<>();
        for (Video v : all) {
            assertThat(ids.add(v.id())).as("video %s listed twice", v.id()).isTrue();
            assertThat(v.connection()).isEqualTo(p.connectionId());
            assertThat(v.vendor()).isEqualTo(p.vendor());
            assertThat(v.title()).isNotNull();
            assertThat(v.status()).isNotNull();
        }
        assertThat(listAll(p, 100)).extracting(Video::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void listingWithIncludeRawCarriesTheVendorFields() {
        Page<Video> page = await(guarded().listVideos(new ListQuery(3, null, null, null, true)));
        assertThat(page.data()).isNotEmpty().allSatisfy(v -> assertThat(v.raw()).isNotEmpty());
    }

    @Test
    void getsOneVideoAsTheListShowsIt() {
        VideoProvider p = guarded();
        Video listed = await(p.listVideos(ListQuery.first(5))).data().get(0);
        Video got = await(p.getVideo(listed.id()));
        assertThat(got.id()).isEqualTo(listed.id());
        assertThat(got.title()).isEqualTo(listed.title());
        assertThat(got.status()).isEqualTo(listed.status());
        assertThat(got.connection()).isEqualTo(p.connectionId());
        assertThat(got.raw())
                .as("getVideo carries the vendor's raw fields; the gateway strips them unless asked")
                .isNotEmpty();
    }

    @Test
    void aVideoReadWithoutRawDiffersFromOneWithRawOnlyInRaw() {
        VideoProvider p = guarded();
        String id = await(p.listVideos(ListQuery.first(5))).data().get(0).id();
        Video withRaw = await(p.getVideo(id, true));
        Video lean = await(p.getVideo(id, false));
        assertThat(withRaw.raw()).as("asked for, raw is there").isNotEmpty();
        assertThat(lean.withoutRaw()).isEqualTo(withRaw.withoutRaw());
    }

    @Test
    void unknownVideoIsNotFound() {
        assertThat(failure(guarded().getVideo(unknownVideoId())).kind()).isEqualTo(Kind.NOT_FOUND);
    }

    /** A patch setting a member the vendor cannot store fails naming it, and changes nothing. */
    @Test
    void patchOfAnUnsupportedMemberFailsCleanly() {
        VideoProvider p = guarded();
        Video before = await(p.listVideos(ListQuery.first(1))).data().get(0);
        if (!p.capabilities().supports(Capability.UPDATE)) {
            assertUnsupported(Capability.UPDATE, p.updateVideo(before.id(), new VideoPatch("x", null, null, null)));
            return;
        }
        int checked = 0;
        if (!p.capabilities().supports(Capability.METADATA)) {
            assertUnsupported(
                    Capability.METADATA,
                    p.updateVideo(
                            before.id(), new VideoPatch("Kit never", null, null, Map.of("kit-key", "kit-value"))));
            checked++;
        }
        if (!p.capabilities().supports(Capability.TAGS)) {
            assertUnsupported(
                    Capability.TAGS,
                    p.updateVideo(before.id(), new VideoPatch("Kit never", null, List.of("kit"), null)));
            checked++;
        }
        if (checked > 0) {
            assertThat(await(p.getVideo(before.id())).title())
                    .as("a refused patch changes nothing")
                    .isEqualTo(before.title());
        }
    }

    @Test
    void patchRoundTripsWhenSupported() {
        VideoProvider p = guarded();
        Video before = await(p.listVideos(ListQuery.first(1))).data().get(0);
        boolean tags = p.capabilities().supports(Capability.TAGS);
        boolean metadata = p.capabilities().supports(Capability.METADATA);
        VideoPatch patch = new VideoPatch(
                "Kit title ✓",
                "Kit description",
                tags ? List.of("kit", "contract") : null,
                metadata ? Map.of("kit-key", "kit-value") : null);
        if (!p.capabilities().supports(Capability.UPDATE)) {
            assertUnsupported(Capability.UPDATE, p.updateVideo(before.id(), patch));
            return;
        }
        Outcome<Video> updated = attempt(p, Capability.UPDATE, p.updateVideo(before.id(), patch));
        if (updated.refuted()) {
            assertThat(await(p.getVideo(before.id())).title())
                    .as("a refuted guess changes nothing")
                    .isEqualTo(before.title());
            return;
        }
        Video after = updated.value();
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.title()).isEqualTo("Kit title ✓");
        assertThat(after.description()).isEqualTo("Kit description");
        Video reread = await(p.getVideo(before.id()));
        assertThat(reread.title()).isEqualTo("Kit title ✓");
        assertThat(reread.description()).isEqualTo("Kit description");
        if (tags) {
            assertThat(reread.tags()).containsExactlyInAnyOrder("kit", "contract");
        }
        if (metadata) {
            assertThat(reread.metadata()).containsEntry("kit-key", "kit-value");
        }
    }

    @Test
    void titleOnlyPatchKeepsTagsAndMetadata() {
        VideoProvider p = guarded();
        Video before = await(p.listVideos(ListQuery.first(1))).data().get(0);
        VideoPatch patch = new VideoPatch("Only the title", null, null, null);
        if (!p.capabilities().supports(Capability.UPDATE)) {
            assertUnsupported(Capability.UPDATE, p.updateVideo(before.id(), patch));
            return;
        }
        Outcome<Video> updated = attempt(p, Capability.UPDATE, p.updateVideo(before.id(), patch));
        if (updated.refuted()) {
            return;
        }
        Video reread = await(p.getVideo(before.id()));
        assertThat(reread.title()).isEqualTo("Only the title");
        assertThat(reread.description()).isEqualTo(before.description());
        assertThat(reread.tags()).containsExactlyInAnyOrderElementsOf(before.tags());
        assertThat(reread.metadata()).isEqualTo(before.metadata());
    }

    @Test
    void patchOfUnknownVideoIsNotFound() {
        VideoProvider p = guarded();
        VideoPatch patch = new VideoPatch("x", null, null, null);
        if (!p.capabilities().supports(Capability.UPDATE)) {
            assertUnsupported(Capability.UPDATE, p.updateVideo(unknownVideoId(), patch));
            return;
        }
        ProviderException e = failure(p.updateVideo(unknownVideoId(), patch));
        if (!(e instanceof GuessRefutedException)) {
            assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        } else {
            assertRefutedIsAllowed(p, Capability.UPDATE, e);
        }
    }

    @Test
    void tagFilterReturnsOnlyTaggedVideosWhenSupported() {
        VideoProvider p = guarded();
        if (!p.capabilities().supports(Capability.TAGS)) {
            assertUnsupported(Capability.TAGS, p.listVideos(new ListQuery(50, null, null, "kitfilter", false)));
            return;
        }
        String tag = "kitfilter";
        String expected = null;
        if (p.capabilities().supports(Capability.UPDATE)) {
            Video target = await(p.listVideos(ListQuery.first(3))).data().get(1);
            Outcome<Video> tagged = attempt(
                    p, Capability.UPDATE, p.updateVideo(target.id(), new VideoPatch(null, null, List.of(tag), null)));
            expected = tagged.refuted() ? null : target.id();
        }
        if (expected == null) {
            // no write to tag one: filter by a tag a seeded video already carries
            Video seededTagged = listAll(p, 100).stream()
                    .filter(v -> !v.tags().isEmpty())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the seeded vendor holds no tagged video"));
            tag = seededTagged.tags().get(0);
            expected = seededTagged.id();
        }
        Outcome<Page<Video>> filtered =
                attempt(p, Capability.TAGS, p.listVideos(new ListQuery(50, null, null, tag, false)));
        if (filtered.refuted()) {
            return;
        }
        String wanted = tag;
        assertThat(filtered.value().data())
                .as("a tag filter never returns untagged videos")
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v.tags()).contains(wanted));
        assertThat(filtered.value().data()).extracting(Video::id).contains(expected);
    }

    @Test
    void searchFindsByTitleWhenSupported() {
        VideoProvider p = guarded();
        ListQuery search = new ListQuery(50, null, "zzz-no-such-title", null, false);
        if (!p.capabilities().supports(Capability.SEARCH)) {
            assertUnsupported(Capability.SEARCH, p.listVideos(search));
            return;
        }
        Outcome<Page<Video>> none = attempt(p, Capability.SEARCH, p.listVideos(search));
        if (none.refuted()) {
            return;
        }
        assertThat(none.value().data()).isEmpty();
        Video any = await(p.listVideos(ListQuery.first(1))).data().get(0);
        assertThat(await(p.listVideos(new ListQuery(50, null, any.title(), null, false)))
                        .data())
                .extracting(Video::id)
                .contains(any.id());
    }

    @Test
    void deleteThenGetIsNotFound() {
        VideoProvider p = guarded();
        Video victim = await(p.listVideos(ListQuery.first(1))).data().get(0);
        if (!p.capabilities().supports(Capability.DELETE)) {
            assertUnsupported(Capability.DELETE, p.deleteVideo(victim.id()));
            return;
        }
        if (attempt(p, Capability.DELETE, p.deleteVideo(victim.id())).refuted()) {
            assertThat(await(p.getVideo(victim.id())).id())
                    .as("a refuted guess deletes nothing")
                    .isEqualTo(victim.id());
            return;
        }
        assertThat(failure(p.getVideo(victim.id())).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(listAll(p, 100)).extracting(Video::id).doesNotContain(victim.id());
        assertThat(failure(p.deleteVideo(victim.id())).kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void ingestFromUrlIsTrackableWhenSupported() {
        VideoProvider p = guarded();
        IngestRequest request =
                new IngestRequest("https://media.example.com/kit/clip.mp4", "Kit ingest", null, null, null);
        if (!p.capabilities().supports(Capability.INGEST_FROM_URL)) {
            assertUnsupported(Capability.INGEST_FROM_URL, p.ingestFromUrl(request));
            assertUnsupported(Capability.INGEST_FROM_URL, p.ingestStatus("anything"));
            return;
        }
        Outcome<Ingest> started = attempt(p, Capability.INGEST_FROM_URL, p.ingestFromUrl(request));
        if (started.refuted()) {
            return;
        }
        assertThat(started.value().id()).isNotBlank();
        assertThat(started.value().status()).isIn(IngestStatus.PENDING, IngestStatus.PROCESSING, IngestStatus.READY);
        Ingest polled = await(p.ingestStatus(started.value().id()));
        assertThat(polled.id()).isEqualTo(started.value().id());
        assertThat(polled.status()).isNotNull();
        assertThat(failure(p.ingestStatus("zzNoSuchIngest")).kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void directUploadGivesATicketWhenSupported() {
        VideoProvider p = guarded();
        UploadRequest request = new UploadRequest("kit.mp4", "video/mp4", 1024L, "Kit upload");
        if (!p.capabilities().supports(Capability.DIRECT_UPLOAD)) {
            assertUnsupported(Capability.DIRECT_UPLOAD, p.createUpload(request));
            return;
        }
        Outcome<UploadTicket> ticket = attempt(p, Capability.DIRECT_UPLOAD, p.createUpload(request));
        if (ticket.refuted()) {
            return;
        }
        assertThat(ticket.value().uploadUrl()).startsWith("http");
        assertThat(ticket.value().method()).isIn("POST", "PUT");
    }

    /**
     * The connection check's vendor probes, writes included: against a vendor that answers the guesses each one
     * confirms its guess (or says why it cannot be probed); against the documented surface each one refutes it
     * (or skips with a reason), while a probe of a documented call confirms it in both.
     */
    @Test
    void wireProbesSettleEachGuess() {
        VideoProvider p = guarded();
        ProbeContext context = new ProbeContext();
        context.seed(await(p.listVideos(ListQuery.first(2))).data());
        for (WireProbe probe : p.wireProbes()) {
            // a probe of a documented call (no guessedCall) must hold against either simulator
            boolean guess = probe.guessedCall() != null && !unrefutableProbes().contains(probe.name());
            ProbeResult result;
            try {
                result = await(probe.run().apply(context));
            } catch (RuntimeException e) {
                result = ProbeResult.ofFailure(e);
            }
            assertThat(result.detail())
                    .as("probe %s explains its verdict", probe.name())
                    .isNotBlank();
            assertNoSecretIn(new AssertionError(result.detail()));
            if (result.verdict() != ProbeResult.Verdict.SKIPPED) {
                assertThat(result.verdict())
                        .as("probe %s: %s", probe.name(), result.detail())
                        .isEqualTo(
                                guessesHold() || !guess ? ProbeResult.Verdict.CONFIRMED : ProbeResult.Verdict.REFUTED);
            }
        }
    }

    @Test
    void unverifiedCapabilitiesAreSupportedOnes() {
        VideoProvider p = guarded();
        assertThat(p.capabilities().supported()).containsAll(p.capabilities().unverified());
    }

    @Test
    void badCredentialsAreUnauthorized() {
        ProviderException e = failure(providerWithBadCredentials().listVideos(ListQuery.first(5)));
        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertNoSecretIn(e);
    }

    @Test
    void vendorRateLimitIsRateLimitedWithRetryAfter() {
        vendorRateLimitsNextCall(Duration.ofSeconds(7));
        ProviderException e = failure(guarded().listVideos(ListQuery.first(5)));
        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(expectedRetryAfter(Duration.ofSeconds(7)));
    }

    @Test
    void vendorServerErrorIsUnavailable() {
        String id = firstVideoId();
        vendorFailsNextCall();
        ProviderException e = failure(guarded().getVideo(id));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.retryable()).isTrue();
        assertNoSecretIn(e);
    }

    @Test
    void malformedVendorJsonIsUpstreamErrorWithoutLeak() {
        vendorAnswersMalformedNextCall();
        ProviderException e = failure(guarded().listVideos(ListQuery.first(5)));
        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertNoSecretIn(e);
    }

    @Test
    void pingIsUpWithWorkingCredentials() {
        Health health = await(guarded().ping());
        assertThat(health.up()).isTrue();
        assertThat(failure(providerWithBadCredentials().ping()).kind()).isEqualTo(Kind.UNAUTHORIZED);
    }

    @Test
    void authorizeAddsCredentialsWithoutSending() {
        OutboundRequest raw = new OutboundRequest("GET", "/", "", Map.of("Accept", List.of("application/json")), null);
        OutboundRequest signed = await(guarded().authorize(raw));
        assertThat(signed).isNotEqualTo(raw);
        assertThat(signed.headers().equals(raw.headers()) && signed.rawQuery().equals(raw.rawQuery()))
                .as("credentials added to headers or query")
                .isFalse();
    }

    private String firstVideoId() {
        return await(guarded().listVideos(ListQuery.first(1))).data().get(0).id();
    }

    /** What a call that needs a capability came to: its value, or a clean refusal of the guess it rests on. */
    protected record Outcome<T>(T value, boolean refuted) {}

    /**
     * Awaits a call that needs {@code capability}. Where the vendor answers the adapter's guesses
     * ({@link #guessesHold()}) or the capability rests on no guess, the call must work. Otherwise it either works
     * or fails cleanly with {@link GuessRefutedException} (a 502 naming the guessed call and its option): never a
     * "not found", never the caller's fault.
     */
    protected <T> Outcome<T> attempt(VideoProvider p, Capability capability, Mono<T> call) {
        if (guessesHold() || !p.capabilities().isUnverified(capability)) {
            return new Outcome<>(await(call), false);
        }
        try {
            return new Outcome<>(await(call), false);
        } catch (ProviderException e) {
            assertRefutedIsAllowed(p, capability, e);
            return new Outcome<>(null, true);
        }
    }

    protected void assertRefutedIsAllowed(VideoProvider p, Capability capability, ProviderException e) {
        assertThat(e)
                .as("a failed guess is reported as a refuted guess, not as %s", e.kind())
                .isInstanceOf(GuessRefutedException.class);
        assertThat(p.capabilities().isUnverified(capability))
                .as("%s failed on a guess but is not flagged unverified", capability.wireName())
                .isTrue();
        assertThat(guessesHold())
                .as("the vendor answers guesses here, yet %s was refuted", capability.wireName())
                .isFalse();
        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(((GuessRefutedException) e).route()).isNotBlank();
        assertNoSecretIn(e);
    }

    protected void assertUnsupported(Capability capability, Mono<?> call) {
        assertThatThrownBy(() -> await(call))
                .isInstanceOfSatisfying(
                        UnsupportedCapabilityException.class,
                        e -> assertThat(e.capability()).isEqualTo(capability));
    }

    protected void assertNoSecretIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage());
            for (String secret : secrets()) {
                assertThat(text).as("error message leaks a credential").doesNotContain(secret);
            }
        }
    }
}
