package io.mediagate.gateway.startup;

import io.mediagate.contracts.spi.PlaceholderConnection;
import io.mediagate.contracts.spi.VideoProviderFactory;
import io.mediagate.gateway.security.ClientRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The image build's training run ({@code --training-run}): starts the gateway in full on loopback, with a
 * throw-away client and one connection per vendor, sends the requests a fresh replica serves first (probes,
 * scrapes, normalized reads and writes, raw calls, refusals), then stops. The JDK records what that run loaded,
 * linked and profiled into the start-up cache ({@code gateway/docker/startup-cache.sh}), so a replica's start up to
 * readiness and its first requests come from the cache. Stopping at the context refresh instead would leave out
 * the web servers, the management context and every request.
 */
public final class TrainingRun {
    static final String OPTION = "--training-run";
    /** Rounds of the request mix: enough for the JIT to profile the request path, short enough for a build. */
    static final int ROUNDS = 40;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final String CONNECTION_PREFIX = "training-";
    /** Every adapter on the class path that offers a placeholder connection, by vendor id. */
    private static final Map<String, PlaceholderConnection> VENDORS = placeholders();

    private TrainingRun() {}

    /** Whether the arguments ask for the training run. */
    public static boolean requested(String... args) {
        return List.of(args).contains(OPTION);
    }

    /**
     * Runs the gateway that {@code start} starts with the training configuration added to {@code args}, sends
     * the request mix and closes it; returns the exit code (0 when every request was answered).
     */
    public static int run(String[] args, Function<String[], ConfigurableApplicationContext> start) {
        String key = randomKey();
        int closedPort = closedLoopbackPort();
        List<String> all = new ArrayList<>();
        for (String a : args) {
            if (!a.equals(OPTION)) {
                all.add(a);
            }
        }
        configuration(key, closedPort).forEach((k, v) -> all.add("--" + k + "=" + v));
        ConfigurableApplicationContext context = start.apply(all.toArray(String[]::new));
        try {
            Environment env = context.getEnvironment();
            URI api = URI.create("http://127.0.0.1:" + env.getRequiredProperty("local.server.port"));
            URI management = URI.create("http://127.0.0.1:" + env.getRequiredProperty("local.management.port"));
            int unanswered = new RequestMix(api, management, key).send(ROUNDS);
            System.out.println("training run: " + ROUNDS + " rounds, " + unanswered + " requests unanswered");
            return unanswered == 0 ? 0 : 1;
        } finally {
            SpringApplication.exit(context);
        }
    }

    /** The training gateway's properties: loopback ports of its own, one client, one connection per vendor. */
    static Map<String, String> configuration(String key, int closedPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.address", "127.0.0.1");
        p.put("server.port", "0");
        p.put("management.server.address", "127.0.0.1");
        p.put("management.server.port", "0");
        p.put("mediagate.clients[0].id", "training");
        p.put("mediagate.clients[0].key-sha256", ClientRegistry.sha256(key));
        p.put("mediagate.clients[0].scopes", "videos:read,videos:write,raw,events:read,admin");
        p.put("mediagate.clients[0].connections", "*");
        // no vendor answers there: a connection refused at once exercises the whole policy path and its failures
        String vendor = "http://127.0.0.1:" + closedPort;
        VENDORS.forEach((vendorId, placeholder) -> {
            String c = "mediagate.connections." + CONNECTION_PREFIX + vendorId + ".";
            p.put(c + "vendor", vendorId);
            p.put(c + "base-url", vendor + "/" + vendorId);
            placeholder.credentials().forEach((name, value) -> p.put(c + "credentials." + name, value));
            placeholder.options().forEach((name, value) -> p.put(c + "options." + name, value));
        });
        return p;
    }

    /** The training connections' ids, one per vendor in {@link #VENDORS}. */
    static List<String> connections() {
        return VENDORS.keySet().stream().map(v -> CONNECTION_PREFIX + v).toList();
    }

    /** The adapters' own placeholder connections ({@link VideoProviderFactory#placeholder()}): no vendor named here. */
    private static Map<String, PlaceholderConnection> placeholders() {
        Map<String, PlaceholderConnection> p = new TreeMap<>();
        for (VideoProviderFactory factory :
                ServiceLoader.load(VideoProviderFactory.class, TrainingRun.class.getClassLoader())) {
            factory.placeholder().ifPresent(placeholder -> p.put(factory.vendor(), placeholder));
        }
        return p;
    }

    private static String randomKey() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A loopback port nobody listens on: bound once by the OS, then released. */
    private static int closedLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The requests a replica serves in its first minutes, sent over real sockets. */
    private record RequestMix(URI api, URI management, String key) {
        int send(int rounds) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(REQUEST_TIMEOUT)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            int unanswered = 0;
            for (int round = 0; round < rounds; round++) {
                for (HttpRequest request : round(round)) {
                    try {
                        if (!answered(http, request) && !answered(http, request)) {
                            unanswered++;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return unanswered + 1;
                    }
                }
            }
            return unanswered;
        }

        /**
         * Sends once; false when no answer came, so that a caller tries once more, which the client sends on
         * another connection: a training run that stalls on one lost answer would leave the image untrained.
         */
        private static boolean answered(HttpClient http, HttpRequest request) throws InterruptedException {
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException e) {
                System.out.println("training run: no answer to " + request.method() + " " + request.uri() + ": " + e);
                return false;
            }
        }

        private List<HttpRequest> round(int round) {
            List<HttpRequest> r = new ArrayList<>();
            for (String path : List.of(
                    "/actuator/health/readiness", "/actuator/health/liveness", "/actuator/health", "/actuator/info")) {
                r.add(get(management.resolve(path), false));
            }
            if (round % 10 == 0) {
                r.add(get(management.resolve("/actuator/prometheus"), false));
            }
            r.add(get(api.resolve("/v1/connections"), true));
            r.add(get(api.resolve("/v1/connections"), false));
            r.add(get(api.resolve("/openapi.yaml"), false));
            for (String c : connections()) {
                String base = "/v1/connections/" + c;
                r.add(get(api.resolve(base + "/videos/training-" + round), true));
                r.add(get(api.resolve(base + "/videos?limit=5"), true));
                r.add(get(api.resolve(base + "/quota"), true));
                r.add(get(api.resolve(base + "/raw/videos?page=" + round), true));
                r.add(send(api.resolve(base + "/videos/training"), "PATCH", "{\"title\":\"training\"}"));
                r.add(send(api.resolve(base + "/videos/training"), "PATCH", "{not json"));
            }
            return r;
        }

        private HttpRequest get(URI uri, boolean authenticated) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
            if (authenticated) {
                b.header("Authorization", "Bearer " + key);
            }
            return b.GET().build();
        }

        private HttpRequest send(URI uri, String method, String json) {
            return HttpRequest.newBuilder(uri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json))
                    .build();
        }
    }
}
