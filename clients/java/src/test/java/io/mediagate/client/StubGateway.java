package io.mediagate.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted HTTP server on a random port that answers queued responses in order and records every request,
 * so client tests can assert what went over the wire.
 */
final class StubGateway implements AutoCloseable {
    record Answer(int status, Map<String, String> headers, String body) {}

    record Received(String method, String uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    StubGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            Answer a;
            synchronized (answers) {
                a = answers.isEmpty() ? new Answer(500, Map.of(), "no answer scripted") : answers.removeFirst();
            }
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] bytes = a.body() == null ? new byte[0] : a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), a.status() == 304 || a.status() == 204 ? -1 : bytes.length);
            if (bytes.length > 0 && a.status() != 304 && a.status() != 204) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    StubGateway answer(int status, String contentType, String body, String... headerPairs) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        synchronized (answers) {
            answers.add(new Answer(status, headers, body));
        }
        return this;
    }

    StubGateway json(int status, String body, String... headerPairs) {
        return answer(status, "application/json", body, headerPairs);
    }

    StubGateway problem(int status, String slug, Boolean retryable, String... headerPairs) {
        return answer(
                status,
                "application/problem+json",
                "{\"type\":\"https://mediagate.dev/problems/" + slug
                        + "\",\"title\":\"t\",\"status\":" + status
                        + (retryable == null ? "" : ",\"retryable\":" + retryable)
                        + ",\"capability\":\"tags\"}",
                headerPairs);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
