package io.mediagate.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.mediagate.client.Conditional;
import io.mediagate.client.MediagateClient;
import io.mediagate.client.MediagateProblemException;
import io.mediagate.client.RawResponse;
import io.mediagate.client.generated.api.RawApi;
import io.mediagate.client.generated.model.Capability;
import io.mediagate.client.generated.model.Connection;
import io.mediagate.client.generated.model.Ingest;
import io.mediagate.client.generated.model.IngestRequest;
import io.mediagate.client.generated.model.UploadRequest;
import io.mediagate.client.generated.model.UploadTicket;
import io.mediagate.client.generated.model.Video;
import io.mediagate.client.generated.model.VideoPatch;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated Java client, unchanged, against the demo gateway (every vendor simulator): what an internal
 * service does. What each connection is asked to do follows its capabilities from {@code /v1/connections};
 * where one is absent, the clean 501 is asserted instead.
 */
class GeneratedClientIT extends DemoGateway {
    private MediagateClient client;
    private List<Connection> connections;

    @BeforeEach
    void connect() {
        client = client("demo-key");
        connections = client.connections();
        assertThat(connections)
                .extracting(c -> c.getVendor().getValue())
                .contains("cincopa", "parone", "streamone", "cognitive3d");
    }

    private void forEach(Capability needed, Consumer<Connection> supported, Consumer<Connection> absent) {
        for (Connection c : connections) {
            if (c.getCapabilities().contains(needed)) {
                supported.accept(c);
            } else {
                absent.accept(c);
            }
        }
    }

    private static Consumer<Connection> cleanly501(Capability capability, Consumer<Connection> call) {
        return c -> assertThatThrownBy(() -> call.accept(c))
                .as("%s on %s", capability, c.getId())
                .isInstanceOfSatisfying(MediagateProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(501);
                    assertThat(p.slug()).isEqualTo("unsupported-capability");
                    assertThat(p.problem().getCapability()).isEqualTo(capability.getValue());
                    assertThat(p.retryable()).isFalse();
                });
    }

    @Test
    void pagesThroughAllVideosOfEveryConnection() {
        for (Connection c : connections) {
            List<String> big =
                    client.videos(c.getId()).stream().map(Video::getId).toList();
            List<String> small = client.videos(c.getId(), null, null, 2).stream()
                    .map(Video::getId)
                    .toList();
            assertThat(big).as("videos of %s", c.getId()).hasSizeGreaterThan(2).doesNotHaveDuplicates();
            assertThat(small).as("videos of %s, 2 per page", c.getId()).containsExactlyInAnyOrderElementsOf(big);
        }
    }

    @Test
    void aTitleOnlyPatchKeepsTagsAndMetadataAndNullClearsTheDescription() {
        forEach(
                Capability.UPDATE,
                c -> {
                    Video before = client.videos(c.getId()).iterator().next();
                    Video after =
                            client.patchVideo(c.getId(), before.getId(), new VideoPatch().title("Renamed by a client"));
                    assertThat(after.getTitle()).isEqualTo("Renamed by a client");
                    assertThat(after.getTags()).as("tags on %s", c.getId()).isEqualTo(before.getTags());
                    assertThat(after.getMetadata())
                            .as("metadata on %s", c.getId())
                            .isEqualTo(before.getMetadata());
                    Video reread = client.getVideo(c.getId(), before.getId());
                    assertThat(reread.getTags()).isEqualTo(before.getTags());
                    assertThat(reread.getMetadata()).isEqualTo(before.getMetadata());

                    client.patchVideo(c.getId(), before.getId(), new VideoPatch().description("to be cleared"));
                    assertThat(client.getVideo(c.getId(), before.getId()).getDescription())
                            .isEqualTo("to be cleared");
                    Video cleared = client.patchVideo(c.getId(), before.getId(), new VideoPatch().description(null));
                    assertThat(cleared.getDescription())
                            .as("description on %s", c.getId())
                            .isNullOrEmpty();
                    assertThat(client.getVideo(c.getId(), before.getId()).getDescription())
                            .isNullOrEmpty();
                },
                cleanly501(Capability.UPDATE, c -> client.patchVideo(c.getId(), "any1", new VideoPatch().title("x"))));
        forEach(Capability.METADATA, c -> {}, c -> {
            if (c.getCapabilities().contains(Capability.UPDATE)) {
                // what clients generated with container defaults send: {} merges to nothing and needs no capability
                String id = client.videos(c.getId()).iterator().next().getId();
                Video v = client.patchVideo(
                        c.getId(), id, new VideoPatch().title("Empty metadata").metadata(new HashMap<>()));
                assertThat(v.getTitle()).as("on %s", c.getId()).isEqualTo("Empty metadata");
            }
        });
        forEach(Capability.TAGS, c -> {}, c -> {
            if (c.getCapabilities().contains(Capability.UPDATE)) {
                cleanly501(
                                Capability.TAGS,
                                x -> client.patchVideo(x.getId(), "any1", new VideoPatch().tags(List.of("t"))))
                        .accept(c);
            }
        });
    }

    @Test
    void notModifiedIsAResult() {
        Connection c = connections.get(0);
        String id = client.videos(c.getId()).iterator().next().getId();
        Conditional<Video> first = client.getVideo(c.getId(), id, "\"not-the-etag\"");
        assertThat(first.notModified()).isFalse();
        assertThat(first.current()).map(Video::getId).contains(id);
        Conditional<Video> again = client.getVideo(c.getId(), id, first.etag());
        assertThat(again.notModified()).isTrue();
        assertThat(again.etag()).isEqualTo(first.etag());
    }

    @Test
    void deletes() {
        forEach(
                Capability.DELETE,
                c -> {
                    List<Video> all = client.videos(c.getId()).stream().toList();
                    String victim = all.get(all.size() - 1).getId();
                    client.deleteVideo(c.getId(), victim);
                    assertThatThrownBy(() -> client.getVideo(c.getId(), victim))
                            .as("deleted on %s", c.getId())
                            .isInstanceOfSatisfying(MediagateProblemException.class, p -> {
                                assertThat(p.status()).isEqualTo(404);
                                assertThat(p.slug()).isEqualTo("vendor-not-found");
                            });
                },
                cleanly501(Capability.DELETE, c -> client.deleteVideo(c.getId(), "any1")));
    }

    @Test
    void ingestsFromAUrlAndPollsUntilDone() {
        IngestRequest request = new IngestRequest()
                .sourceUrl(URI.create("https://media.example.com/launch.mp4"))
                .title("Launch");
        forEach(
                Capability.INGEST_FROM_URL,
                c -> {
                    Ingest started = client.createIngest(c.getId(), request);
                    assertThat(started.getId()).isNotBlank();
                    Instant deadline = Instant.now().plusSeconds(20);
                    Ingest now = started;
                    while (now.getStatus() != Ingest.StatusEnum.READY && now.getStatus() != Ingest.StatusEnum.FAILED) {
                        if (Instant.now().isAfter(deadline)) {
                            fail("ingest %s on %s still %s", started.getId(), c.getId(), now.getStatus());
                        }
                        sleep(Duration.ofMillis(250));
                        now = client.getIngest(c.getId(), started.getId());
                    }
                    assertThat(now.getStatus()).as("ingest on %s", c.getId()).isEqualTo(Ingest.StatusEnum.READY);
                },
                cleanly501(Capability.INGEST_FROM_URL, c -> client.createIngest(c.getId(), request)));
    }

    @Test
    void ticketsForFilesOverTwoGigabytes() {
        UploadRequest big = new UploadRequest()
                .filename("keynote.mp4")
                .contentType("video/mp4")
                .sizeBytes(3L * 1024 * 1024 * 1024)
                .title("Keynote");
        forEach(
                Capability.DIRECT_UPLOAD,
                c -> {
                    UploadTicket ticket = client.createUpload(c.getId(), big);
                    assertThat(ticket.getUploadUrl())
                            .as("ticket of %s", c.getId())
                            .isNotBlank();
                    assertThat(ticket.getMethod()).isNotNull();
                },
                cleanly501(Capability.DIRECT_UPLOAD, c -> client.createUpload(c.getId(), big)));
    }

    @Test
    void multiSegmentRawCallsFromTheGeneratedClient() throws Exception {
        Connection c3d = vendor("cognitive3d");
        // the generated RawApi sends "organizations%2FapiKeys%2Fwhoami"
        Object whoami = new RawApi(client.generated()).rawGet(c3d.getId(), "organizations/apiKeys/whoami");
        assertThat(whoami).isInstanceOfSatisfying(Map.class, m -> assertThat(m).containsKey("organizationId"));
        Connection parone = vendor("parone");
        RawResponse videos = client.raw("GET", parone.getId(), "videos/", "pageSize=2", null, null);
        assertThat(videos.status()).isEqualTo(200);
        assertThat(videos.text()).startsWith("{");
        assertThatThrownBy(() -> client.raw("GET", parone.getId(), "..%2F..%2Fadmin", null, null, null))
                .isInstanceOfSatisfying(MediagateProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.problem().getField()).isEqualTo("path");
                });
    }

    @Test
    void everyErrorKindIsATypedProblem() {
        Connection c = vendor("cincopa");
        expect(
                () -> client.listVideos(c.getId(), 0, null, null, null),
                400,
                "invalid-field",
                p -> assertThat(p.problem().getField()).isEqualTo("limit"));
        expect(() -> client("not-a-key").connections(), 401, "unauthorized", p -> {});
        MediagateClient reader = client("reader-key");
        expect(
                () -> reader.patchVideo(c.getId(), "any1", new VideoPatch().title("x")),
                403,
                "missing-scope",
                p -> assertThat(p.problem().getScope()).isEqualTo("videos:write"));
        expect(
                () -> reader.listVideos(vendor("parone").getId(), null, null, null, null),
                403,
                "connection-not-allowed",
                p -> {});
        expect(() -> client.getVideo("nope", "any1"), 404, "unknown-connection", p -> {});
        expect(
                () -> client.getVideo(c.getId(), "zzNotThere01"),
                404,
                "vendor-not-found",
                p -> assertThat(p.problem().getConnection()).isEqualTo(c.getId()));
        MediagateClient limited = client("limited-key");
        limited.connections();
        limited.connections();
        // Retry-After (minutes here) is longer than the client waits: the problem comes back at once, typed
        expect(limited::connections, 429, "client-rate-limited", p -> {
            assertThat(p.retryable()).isTrue();
            assertThat(p.retryAfter()).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofSeconds(2)));
        });
    }

    private static void expect(Runnable call, int status, String slug, Consumer<MediagateProblemException> more) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(MediagateProblemException.class, p -> {
            assertThat(p.status()).as(p.getMessage()).isEqualTo(status);
            assertThat(p.slug()).isEqualTo(slug);
            assertThat(p.type()).isEqualTo(MediagateProblemException.TYPE_BASE + slug);
            more.accept(p);
        });
    }

    private Connection vendor(String vendor) {
        return connections.stream()
                .filter(c -> c.getVendor().getValue().equals(vendor))
                .findFirst()
                .orElseThrow();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
