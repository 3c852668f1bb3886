package io.mediagate.client;

import io.mediagate.client.generated.ApiClient;
import io.mediagate.client.generated.ApiException;
import io.mediagate.client.generated.ApiResponse;
import io.mediagate.client.generated.api.ConnectionsApi;
import io.mediagate.client.generated.api.IngestsApi;
import io.mediagate.client.generated.api.UploadsApi;
import io.mediagate.client.generated.api.VideosApi;
import io.mediagate.client.generated.model.Connection;
import io.mediagate.client.generated.model.Ingest;
import io.mediagate.client.generated.model.IngestRequest;
import io.mediagate.client.generated.model.UploadRequest;
import io.mediagate.client.generated.model.UploadTicket;
import io.mediagate.client.generated.model.Video;
import io.mediagate.client.generated.model.VideoPage;
import io.mediagate.client.generated.model.VideoPatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The client internal services use to call mediagate: the code generated from {@code openapi.yaml}, plus what
 * every service would otherwise write itself: paging through all pages ({@link #videos}), retries of idempotent
 * calls on 429/503 honouring {@code Retry-After}, an {@code Idempotency-Key} on every POST, problems as
 * {@link MediagateProblemException}, 304 as a {@link Conditional} result, and one {@link Builder}.
 * Thread-safe; build one per process and share it.
 */
public final class MediagateClient {
    private final ApiClient api;
    private final HttpClient http;
    private final String baseUrl;
    private final String bearer;
    private final Duration requestTimeout;
    private final Retries retries;
    private final Problems problems;
    private final ConnectionsApi connections;
    private final VideosApi videos;
    private final IngestsApi ingests;
    private final UploadsApi uploads;

    private MediagateClient(Builder b) {
        this.baseUrl = b.baseUrl.replaceAll("/+$", "");
        this.bearer = "Bearer " + b.apiKey;
        this.requestTimeout = b.requestTimeout;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(b.connectTimeout);
        if (baseUrl.startsWith("http:")) {
            // cleartext: without this the JDK offers an h2c upgrade on every new connection, which the gateway
            // does not take; over https HTTP/2 is negotiated (ALPN) as usual
            http.version(HttpClient.Version.HTTP_1_1);
        }
        this.api = new ApiClient(http, ApiClient.createDefaultObjectMapper(), baseUrl);
        api.setReadTimeout(b.requestTimeout);
        api.setRequestInterceptor(request -> {
            request.setHeader("Authorization", bearer);
            HttpRequest built = request.build();
            if ("POST".equals(built.method())
                    && built.headers().firstValue("Idempotency-Key").isEmpty()) {
                request.header("Idempotency-Key", newIdempotencyKey());
            }
        });
        this.http = api.getHttpClient();
        this.problems = new Problems(api.getObjectMapper());
        this.retries = new Retries(b.maxRetries, b.firstBackoff, b.maxRetryWait, b.sleeper, problems);
        this.connections = new ConnectionsApi(api);
        this.videos = new VideosApi(api);
        this.ingests = new IngestsApi(api);
        this.uploads = new UploadsApi(api);
    }

    /** Starts the configuration: {@code MediagateClient.builder().baseUrl(..).apiKey(..).build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The connections this key may use, with capabilities, refusals and health. */
    public List<Connection> connections() {
        return call(true, () -> connections.listConnections().getData());
    }

    /** One page of videos; {@code limit}, {@code cursor}, {@code q} and {@code tag} may be null. */
    public VideoPage listVideos(String connection, Integer limit, String cursor, String q, String tag) {
        return call(true, () -> videos.listVideos(connection, limit, cursor, q, tag, null, null));
    }

    /** Every video of the connection, fetched page by page as the iteration reaches it. */
    public Pages<Video> videos(String connection) {
        return videos(connection, null, null);
    }

    /** Every video matching {@code q} (capability {@code search}) and {@code tag} (capability {@code tags}). */
    public Pages<Video> videos(String connection, String q, String tag) {
        return videos(connection, q, tag, 100);
    }

    /** As {@link #videos(String, String, String)}, fetching {@code pageSize} (1-100) videos per request. */
    public Pages<Video> videos(String connection, String q, String tag, int pageSize) {
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("pageSize must be 1-100");
        }
        return new Pages<>(cursor -> {
            VideoPage page = listVideos(connection, pageSize, cursor, q, tag);
            return new Pages.Page<>(page.getData(), page.getNextCursor());
        });
    }

    /** One video. */
    public Video getVideo(String connection, String id) {
        return call(true, () -> videos.getVideo(connection, id, null, null));
    }

    /** One video unless it still matches {@code etag}: then a not-modified result, without a body. */
    public Conditional<Video> getVideo(String connection, String id, String etag) {
        Objects.requireNonNull(etag, "etag");
        try {
            ApiResponse<Video> r = retries.call(true, () -> videos.getVideoWithHttpInfo(connection, id, null, etag));
            return Conditional.modified(r.getData(), header(r, "ETag"));
        } catch (ApiException e) {
            if (e.getCode() == 304) {
                return Conditional.unchanged(
                        e.getResponseHeaders().firstValue("ETag").orElse(etag));
            }
            throw problems.of(e);
        }
    }

    /** A JSON merge patch: members left unset are unchanged; see {@link VideoPatch} for clearing. Not retried. */
    public Video patchVideo(String connection, String id, VideoPatch patch) {
        return call(false, () -> videos.patchVideo(connection, id, patch));
    }

    /** Deletes the video. */
    public void deleteVideo(String connection, String id) {
        call(true, () -> {
            videos.deleteVideo(connection, id);
            return null;
        });
    }

    /** Starts an upload from a URL under a fresh {@code Idempotency-Key}, so retries never ingest twice. */
    public Ingest createIngest(String connection, IngestRequest request) {
        return createIngest(connection, request, newIdempotencyKey());
    }

    /** Starts an upload from a URL under the caller's {@code Idempotency-Key} (repeats replay the first outcome). */
    public Ingest createIngest(String connection, IngestRequest request, String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        return call(true, () -> ingests.createIngest(connection, request, idempotencyKey));
    }

    /** The status of an upload-from-URL job. */
    public Ingest getIngest(String connection, String id) {
        return call(true, () -> ingests.getIngest(connection, id));
    }

    /** A ticket to upload a file straight to the vendor. Not retried (the gateway keeps no idempotency here). */
    public UploadTicket createUpload(String connection, UploadRequest request) {
        return call(false, () -> uploads.createUpload(connection, request));
    }

    /**
     * A call to the vendor's own API through passthrough, never retried. {@code path} may span segments
     * ({@code api/item/view}); it is sent the way generated clients send it (each {@code /} as {@code %2F}).
     * {@code query} is sent as it is (already encoded) and may be null, as may {@code body}. The vendor's answer
     * comes back whatever its status; a refusal by the gateway itself is thrown as a problem.
     */
    public RawResponse raw(
            String method, String connection, String path, String query, byte[] body, String contentType) {
        URI uri = URI.create(baseUrl + "/v1/connections/" + ApiClient.urlEncode(connection) + "/raw/"
                + ApiClient.urlEncode(path) + (query == null || query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", bearer)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if ("POST".equals(method)) {
            request.header("Idempotency-Key", newIdempotencyKey());
        }
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            boolean problem = r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
            if (problem) {
                throw problems.of(r.statusCode(), r.headers(), new String(r.body(), StandardCharsets.UTF_8));
            }
            return new RawResponse(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The configured generated client (base URL, key, timeouts, {@code Idempotency-Key} on POSTs), for calls
     * this layer does not wrap; those throw the generated {@code ApiException} and are not retried.
     */
    public ApiClient generated() {
        return api;
    }

    private <T> T call(boolean safeToRepeat, Retries.Call<T> call) {
        try {
            return retries.call(safeToRepeat, call);
        } catch (ApiException e) {
            throw problems.of(e);
        }
    }

    private static String header(ApiResponse<?> r, String name) {
        return r.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst()
                .orElse(null);
    }

    private static String newIdempotencyKey() {
        return UUID.randomUUID().toString();
    }

    /** Everything the client needs, in one place; only the base URL and the key are required. */
    public static final class Builder {
        private String baseUrl;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxRetries = 3;
        private Duration firstBackoff = Duration.ofMillis(200);
        private Duration maxRetryWait = Duration.ofSeconds(10);
        private Retries.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {}

        /** Where the gateway is, e.g. {@code https://mediagate.internal} (without {@code /v1}). */
        public Builder baseUrl(String baseUrl) {
            URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + baseUrl);
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /** This service's key, sent as {@code Authorization: Bearer <key>}. */
        public Builder apiKey(String apiKey) {
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            this.apiKey = apiKey;
            return this;
        }

        /** How long to wait for a TCP connection (default 5 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long one request may take until its answer's headers arrive (default 30 s). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** How often an idempotent call answered 429/503 is repeated (default 3; 0 turns retries off). */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be 0 or more");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** The first wait when the answer has no {@code Retry-After}; doubled per retry (default 200 ms). */
        public Builder firstBackoff(Duration firstBackoff) {
            this.firstBackoff = positive(firstBackoff, "firstBackoff");
            return this;
        }

        /** The longest single wait; a longer {@code Retry-After} throws the problem instead (default 10 s). */
        public Builder maxRetryWait(Duration maxRetryWait) {
            this.maxRetryWait = positive(maxRetryWait, "maxRetryWait");
            return this;
        }

        Builder sleeper(Retries.Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public MediagateClient build() {
            if (baseUrl == null || apiKey == null) {
                throw new IllegalStateException("baseUrl and apiKey are required");
            }
            return new MediagateClient(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
