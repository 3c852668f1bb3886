package io.mediagate.bench.upstream;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The least an uncached normalized read can cost on the gateway's stack, as a reference row for bench/run.sh:
 * {@code GET /v1/connections/{c}/videos/{id}} fetches the Cognitive3D library from the upstream, finds the video in
 * it and answers its JSON, with nothing else (no auth, policy, metrics or cache). {@code --stack netty} is Reactor
 * Netty's server and client alone; {@code --stack webflux} is WebFlux's functional endpoints and WebClient on them
 * (no Spring Boot), the handler a plain WebFlux service would write.
 */
public final class FrameworkFloor {
    private static final String PATH = "/v1/connections/";

    private FrameworkFloor() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(Main.arg(args, "port", "18090"));
        String upstream = Main.arg(args, "upstream", "http://127.0.0.1:18080");
        String project = Main.arg(args, "project", "4242");
        String auth = "orgkey-" + Main.arg(args, "key", "bench");
        String stack = Main.arg(args, "stack", "netty");
        String library = "/v0/projects/" + project + "/media?excludeArchived=true";
        JsonMapper json = JsonMapper.builder().build();
        HttpClient client = HttpClient.create().baseUrl(upstream).headers(h -> h.add("Authorization", auth));
        HttpServer server = HttpServer.create().host("127.0.0.1").port(port);
        DisposableServer bound;
        if (stack.equals("webflux")) {
            WebClient web = WebClient.builder()
                    .clientConnector(new ReactorClientHttpConnector(client))
                    .build();
            var route = RouterFunctions.route(
                    RequestPredicates.GET(PATH + "{connection}/videos/{id}"),
                    request -> web.get()
                            .uri(library)
                            .retrieve()
                            .bodyToMono(byte[].class)
                            .map(answer(json, request.pathVariable("id")))
                            .flatMap(body -> ServerResponse.ok()
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(body)));
            bound = server.handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(route)))
                    .bindNow();
        } else {
            bound = server.handle((req, res) -> netty(req, res, client, library, json)).bindNow();
        }
        System.out.println("framework floor (" + stack + ") on 127.0.0.1:" + bound.port() + " upstream=" + upstream);
        bound.onDispose().block();
    }

    private static Publisher<Void> netty(
            HttpServerRequest req, HttpServerResponse res, HttpClient client, String library, ObjectMapper json) {
        String uri = req.uri();
        if (!uri.startsWith(PATH) || !uri.contains("/videos/")) {
            return res.status(404).send();
        }
        String id = uri.substring(uri.lastIndexOf('/') + 1);
        Mono<byte[]> body = client.get()
                .uri(library)
                .responseSingle((head, bytes) -> bytes.asByteArray())
                .map(answer(json, id));
        return body.flatMap(b -> res.header("Content-Type", "application/json")
                .header("Content-Length", Integer.toString(b.length))
                .sendByteArray(Mono.just(b))
                .then());
    }

    /** The video {@code id} of the library, as a small normalized JSON object; {@code {}} when it is not there. */
    private static Function<byte[], byte[]> answer(ObjectMapper json, String id) {
        return bytes -> {
            for (JsonNode item : json.readTree(bytes)) {
                if (item.path("id").asString().equals(id) && !item.path("staticMedia").asBoolean()) {
                    ObjectNode video = json.createObjectNode();
                    video.put("id", id);
                    video.put("title", item.path("name").asString());
                    video.put("description", item.path("description").asString());
                    video.put("status", "ready");
                    return json.writeValueAsBytes(video);
                }
            }
            return "{}".getBytes(StandardCharsets.UTF_8);
        };
    }
}
