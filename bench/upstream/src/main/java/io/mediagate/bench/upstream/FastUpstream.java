package io.mediagate.bench.upstream;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A fast upstream speaking Cognitive3D's wire format for one organisation (101) and one project, with a fixed
 * added latency, so a benchmark measures the proxy in front of it rather than the upstream. Bodies are
 * serialized once at start-up. It counts the vendor requests it receives per second and exposes them at
 * {@code GET /__stats} (no auth; {@code /__reset} clears them). With {@code --limit-per-min N} it enforces the
 * vendor-side limit the way a real vendor would: more than N accepted calls in any 60 s window answer
 * {@code 429 Too Many Requests} with {@code Retry-After}.
 *
 * <p>Routes (all under {@code /v0}, {@code Authorization: orgkey-<key>} required, else {@code 401} text/plain):
 * {@code GET /v0/projects/{p}/media?excludeArchived=true} (plain JSON array), {@code GET /v0/projects/{p}/media/{id}},
 * {@code GET /v0/organizations/apiKeys/whoami} → {@code {"organizationId":101}}.
 */
public final class FastUpstream {
    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final long latencyMs;
    private final long projectId;
    private final String expectedAuth;
    private final int limitPerMin;
    private final byte[] list;
    private final byte[] whoami = "{\"organizationId\":101}".getBytes(StandardCharsets.UTF_8);
    private final Map<Long, byte[]> items = new HashMap<>();

    private final ConcurrentHashMap<Long, LongAdder> receivedPerSecond = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, LongAdder> acceptedPerSecond = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private volatile long since = System.currentTimeMillis();

    FastUpstream(long latencyMs, long projectId, String key, int videos, int limitPerMin) {
        this.latencyMs = latencyMs;
        this.projectId = projectId;
        this.expectedAuth = "orgkey-" + key;
        this.limitPerMin = limitPerMin;
        StringBuilder all = new StringBuilder("[");
        for (int i = 0; i < videos + 2; i++) {
            long id = 301 + i;
            boolean image = i >= videos; // two flat images at the end: the adapter must filter them out
            String item = item(id, image);
            items.put(id, item.getBytes(StandardCharsets.UTF_8));
            if (i > 0) {
                all.append(',');
            }
            all.append(item);
        }
        this.list = all.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One media item, fields and key order as the vendor (and the sandbox simulator) name them. */
    static String item(long id, boolean image) {
        return "{\"id\":" + id
                + ",\"name\":\"" + (image ? "Bench image " : "Bench video ") + id + "\""
                + ",\"uploadId\":\"bench-upload-" + id + "\""
                + ",\"staticMedia\":" + image
                + ",\"archived\":false"
                + ",\"description\":\"Benchmark media item " + id + ", served by the fast upstream\""
                + ",\"thumbnailLocation\":\"thumbnail/full.png\""
                + ",\"fileName\":\"" + (image ? "image-" + id + ".png" : "video-" + id + ".mp4") + "\""
                + ",\"contentType\":\"" + (image ? "image/png" : "video/mp4") + "\""
                + ",\"externalUrl\":" + (image ? "null" : "\"https://media.example.com/v/" + id + "\"")
                + "}";
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(Main.arg(args, "port", "18080"));
        long latency = Long.parseLong(Main.arg(args, "latency-ms", "0"));
        long project = Long.parseLong(Main.arg(args, "project", "4242"));
        String key = Main.arg(args, "key", "bench");
        int videos = Integer.parseInt(Main.arg(args, "videos", "30"));
        int limit = Integer.parseInt(Main.arg(args, "limit-per-min", "0"));
        FastUpstream upstream = new FastUpstream(latency, project, key, videos, limit);
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle(upstream::handle)
                .bindNow();
        System.out.println("fast upstream on 127.0.0.1:" + server.port() + " latency=" + latency + "ms project="
                + project + " videos=" + videos + (limit > 0 ? " limit=" + limit + "/min" : ""));
        server.onDispose().block();
    }

    Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        if (path.equals("/__stats")) {
            return res.header("Content-Type", JSON).sendString(Mono.just(stats()));
        }
        if (path.equals("/__reset")) {
            receivedPerSecond.clear();
            acceptedPerSecond.clear();
            byStatus.clear();
            since = System.currentTimeMillis();
            return res.header("Content-Type", JSON).sendString(Mono.just("{\"reset\":true}"));
        }
        long second = System.currentTimeMillis() / 1000;
        bump(receivedPerSecond, second);
        if (!expectedAuth.equals(req.requestHeaders().get("Authorization"))) {
            return text(res, 401, "Unauthorized");
        }
        if (limitPerMin > 0 && acceptedInLastMinute(second) >= limitPerMin) {
            res.header("Retry-After", "1");
            return text(res, 429, "Too Many Requests");
        }
        bump(acceptedPerSecond, second);
        byte[] body = route(path, query);
        if (body == null) {
            return text(res, 404, "Not Found");
        }
        count(200);
        res.status(200).header("Content-Type", JSON).header("Content-Length", String.valueOf(body.length));
        if (latencyMs <= 0) {
            return res.sendByteArray(Mono.just(body));
        }
        return res.sendByteArray(Mono.delay(Duration.ofMillis(latencyMs)).map(x -> body));
    }

    private byte[] route(String path, String query) {
        if (path.equals("/v0/organizations/apiKeys/whoami")) {
            return whoami;
        }
        String prefix = "/v0/projects/" + projectId + "/media";
        if (path.equals(prefix) || path.equals(prefix + "/")) {
            return list; // excludeArchived=true or not: nothing here is archived
        }
        if (path.startsWith(prefix + "/")) {
            String id = path.substring(prefix.length() + 1);
            try {
                return items.get(Long.parseLong(id));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private Publisher<Void> text(HttpServerResponse res, int status, String body) {
        count(status);
        return res.status(HttpResponseStatus.valueOf(status)).header("Content-Type", TEXT).sendString(Mono.just(body));
    }

    private void count(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    private static void bump(ConcurrentHashMap<Long, LongAdder> map, long second) {
        LongAdder a = map.get(second);
        if (a == null) {
            a = map.computeIfAbsent(second, s -> new LongAdder());
        }
        a.increment();
    }

    private long acceptedInLastMinute(long second) {
        long sum = 0;
        for (long s = second - 59; s <= second; s++) {
            LongAdder a = acceptedPerSecond.get(s);
            if (a != null) {
                sum += a.sum();
            }
        }
        return sum;
    }

    /** Counters since start or the last reset: totals, per status, per second, and the busiest 60 s window. */
    private String stats() {
        TreeMap<Long, Long> rec = snapshot(receivedPerSecond);
        TreeMap<Long, Long> acc = snapshot(acceptedPerSecond);
        long received = rec.values().stream().mapToLong(Long::longValue).sum();
        long accepted = acc.values().stream().mapToLong(Long::longValue).sum();
        long maxWindow = 0;
        long maxSecond = 0;
        if (!rec.isEmpty()) {
            long first = rec.firstKey();
            long last = rec.lastKey();
            for (long start = first - 59; start <= last; start++) {
                long sum = 0;
                for (long s = start; s < start + 60; s++) {
                    sum += rec.getOrDefault(s, 0L);
                }
                maxWindow = Math.max(maxWindow, sum);
            }
            maxSecond = rec.values().stream().mapToLong(Long::longValue).max().orElse(0);
        }
        StringBuilder sb = new StringBuilder("{\"since_ms\":").append(since)
                .append(",\"received\":").append(received)
                .append(",\"accepted\":").append(accepted)
                .append(",\"max_per_second\":").append(maxSecond)
                .append(",\"max_in_any_60s\":").append(maxWindow)
                .append(",\"limit_per_min\":").append(limitPerMin)
                .append(",\"by_status\":{");
        boolean first = true;
        for (Map.Entry<Integer, LongAdder> e : new TreeMap<>(byStatus).entrySet()) {
            sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue().sum());
            first = false;
        }
        sb.append("},\"per_minute\":[");
        // calendar minutes counted from the start (or last reset)
        long base = since / 1000;
        TreeMap<Long, Long> minutes = new TreeMap<>();
        rec.forEach((s, n) -> minutes.merge(Math.max(0, (s - base) / 60), n, Long::sum));
        first = true;
        for (Map.Entry<Long, Long> e : minutes.entrySet()) {
            sb.append(first ? "" : ",").append("{\"minute\":").append(e.getKey()).append(",\"received\":")
                    .append(e.getValue()).append('}');
            first = false;
        }
        sb.append("],\"per_second\":[");
        first = true;
        for (Map.Entry<Long, Long> e : rec.entrySet()) {
            if (rec.size() > 900 && e.getKey() < rec.lastKey() - 900) {
                continue; // keep the answer small after long throughput runs
            }
            sb.append(first ? "" : ",").append('[').append(e.getKey()).append(',').append(e.getValue()).append(']');
            first = false;
        }
        return sb.append("]}").toString();
    }

    private static TreeMap<Long, Long> snapshot(ConcurrentHashMap<Long, LongAdder> map) {
        TreeMap<Long, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
